/** What is wrong with the input of a driver analysis. */
export type DriverInputProblem =
  | 'unknown_variable'
  | 'invalid_specification'
  | 'too_few_rows'
  | 'constant_column'
  | 'collinear_predictors'
  | 'mismatched_variables';

/**
 * Thrown when a driver analysis cannot run on its input; `problem` says why and `variables` names
 * the columns involved, so the dashboard can tell the analyst what to fix.
 */
export class DriverInputError extends Error {
  readonly problem: DriverInputProblem;
  readonly variables: readonly string[];

  constructor(problem: DriverInputProblem, message: string, variables: readonly string[] = []) {
    super(message);
    this.name = 'DriverInputError';
    this.problem = problem;
    this.variables = variables;
  }
}
