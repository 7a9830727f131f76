import type { FieldError } from '../http/problem.ts';

/** A refused row of an import: its line in the file, the column at fault when there is one, and why. */
export interface RowError {
  line: number;
  column?: string;
  message: string;
}

/** Row errors as problem+json fields: `line 12` or `line 12, column "Email"`. */
export function rowErrorFields(errors: RowError[]): FieldError[] {
  return errors.map((e) => ({
    field: e.column ? `line ${e.line}, column "${e.column}"` : `line ${e.line}`,
    message: e.message,
  }));
}
