/** What is wrong with the input of `rapport analyze`. */
export type AnalyzeProblem =
  | 'usage'
  | 'missing_file'
  | 'not_csv'
  | 'unknown_column'
  | 'ambiguous_column'
  | 'non_numeric'
  | 'out_of_range'
  | 'too_few_rows'
  | 'constant_column'
  | 'collinear_predictors'
  | 'malformed_drivers'
  | 'malformed_option';

/**
 * Thrown for input the analysis cannot use (a bad option, file, column or value). The command turns
 * it into one line on stderr and exit status 2; `problem` lets tests and callers tell the cases
 * apart without parsing the message.
 */
export class AnalyzeInputError extends Error {
  readonly problem: AnalyzeProblem;

  constructor(problem: AnalyzeProblem, message: string) {
    super(message);
    this.name = 'AnalyzeInputError';
    this.problem = problem;
  }
}
