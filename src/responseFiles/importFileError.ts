/**
 * A file that cannot be read as the export it claims to be: one message naming the line, so the
 * person importing can open the file at that line. Raised before anything is committed.
 */
export class ImportFileError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}
