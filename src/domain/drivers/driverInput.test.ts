import { describe, expect, it } from 'vitest';
import { crossProductsOf } from './crossProducts.ts';
import { playersOf, prepareDriverInput } from './driverInput.ts';
import { DriverInputError } from './driverInputError.ts';
import { simulatedDriverRows } from './simulatedDrivers.ts';

const variables = ['nps', 'certainty', 'control', 'fairTreatment', 'belonging'];
const cp = crossProductsOf(variables, simulatedDriverRows(60, [1, 0.5, 0.3, 0.2], 9));

const problemOf = (run: () => unknown): DriverInputError => {
  try {
    run();
  } catch (error) {
    if (error instanceof DriverInputError) return error;
    throw error;
  }
  throw new Error('expected a DriverInputError');
};

describe('prepareDriverInput', () => {
  it('extracts the correlation matrix over the outcome and predictors, outcome first', () => {
    const input = prepareDriverInput(cp, 'nps', ['control', 'certainty']);
    expect(input.correlation.length).toBe(3);
    expect(input.predictors).toEqual(['control', 'certainty']);
    expect(input.n).toBe(60);
  });

  it('turns groups into players', () => {
    expect(playersOf({ emotional: ['certainty', 'control'], functional: ['belonging'] })).toEqual([
      { name: 'emotional', members: ['certainty', 'control'] },
      { name: 'functional', members: ['belonging'] },
    ]);
  });

  it('refuses too few rows: n must exceed p + 1', () => {
    const small = crossProductsOf(variables, simulatedDriverRows(5, [1, 1, 1, 1], 2));
    const error = problemOf(() =>
      prepareDriverInput(small, 'nps', ['certainty', 'control', 'fairTreatment', 'belonging']),
    );
    expect(error.problem).toBe('too_few_rows');
    expect(error.message).toMatch(/more than 5 rows, got 5/);
  });

  it('names a constant column', () => {
    const rows = simulatedDriverRows(30, [1, 1], 4).map(([y, a]) => [y, a, 70]);
    const error = problemOf(() =>
      prepareDriverInput(crossProductsOf(['nps', 'certainty', 'status'], rows), 'nps', [
        'certainty',
        'status',
      ]),
    );
    expect(error.problem).toBe('constant_column');
    expect(error.variables).toEqual(['status']);
    expect(error.message).toMatch(/'status'/);
  });

  it('names the collinear predictors, and only them', () => {
    const rows = simulatedDriverRows(40, [1, 1, 1], 6).map(([y, a, b, c]) => [y, a, b, c, 2 * a + b]);
    const data = crossProductsOf(['nps', 'certainty', 'control', 'status', 'enjoyment'], rows);
    const error = problemOf(() =>
      prepareDriverInput(data, 'nps', ['certainty', 'control', 'status', 'enjoyment']),
    );
    expect(error.problem).toBe('collinear_predictors');
    expect(error.variables).toEqual(['certainty', 'control', 'enjoyment']);
    expect(error.message).toMatch(/'certainty', 'control', 'enjoyment' are collinear/);
  });

  it('refuses unknown, repeated or self-predicting variables and empty groups', () => {
    expect(problemOf(() => prepareDriverInput(cp, 'nps', ['certainty', 'trust'])).variables).toEqual([
      'trust',
    ]);
    expect(problemOf(() => prepareDriverInput(cp, 'nps', ['certainty', 'certainty'])).problem).toBe(
      'invalid_specification',
    );
    expect(problemOf(() => prepareDriverInput(cp, 'nps', ['nps', 'certainty'])).problem).toBe(
      'invalid_specification',
    );
    expect(problemOf(() => prepareDriverInput(cp, 'nps', { emotional: [] })).problem).toBe(
      'invalid_specification',
    );
    expect(problemOf(() => prepareDriverInput(cp, 'nps', [])).problem).toBe('invalid_specification');
  });
});
