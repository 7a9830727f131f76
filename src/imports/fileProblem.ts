/**
 * A file that cannot be read as a table at all (wrong encoding, ragged rows, no header row, HTML or
 * a broken spreadsheet). It names the line when there is one; nothing is imported from such a file.
 */
export class FileProblem extends Error {
  readonly line: number | null;

  constructor(line: number | null, message: string) {
    super(line === null ? message : `Line ${line}: ${message}`);
    this.line = line;
  }
}
