export { allSubsetsRSquared } from './allSubsetsRSquared.ts';
export type {
  BootstrapInterval,
  BootstrapOptions,
  BootstrapResult,
  ImportanceMethod,
  PlayerInterval,
} from './bootstrap.ts';
export { bootstrapImportance, cellsFromRows, quantileOfSorted } from './bootstrap.ts';
export type { CrossProducts } from './crossProducts.ts';
export {
  correlationFrom,
  covarianceFrom,
  crossProductsOf,
  emptyCrossProducts,
  mergeCrossProducts,
} from './crossProducts.ts';
export type { DriverInput, Player, PredictorSpec } from './driverInput.ts';
export { playersOf, prepareDriverInput } from './driverInput.ts';
export type { DriverInputProblem } from './driverInputError.ts';
export { DriverInputError } from './driverInputError.ts';
export type { LmgImportance, LmgResult } from './lmg.ts';
export { lmg, lmgFromInput, MAX_LMG_PREDICTORS } from './lmg.ts';
export type { ForcePosition, ForceQuadrant, Quadrant, QuadrantChart, QuadrantCuts } from './quadrant.ts';
export { impactPerformanceQuadrants, quadrantOf } from './quadrant.ts';
export type { RelativeWeight, RelativeWeightsResult } from './relativeWeights.ts';
export { relativeWeights, relativeWeightsFromInput } from './relativeWeights.ts';
export { rSquaredFromCorrelation } from './rSquared.ts';
export type { RandomSource } from './seededRandom.ts';
export { mulberry32, randomIndex } from './seededRandom.ts';
export { simulatedDriverRows, standardNormal } from './simulatedDrivers.ts';
