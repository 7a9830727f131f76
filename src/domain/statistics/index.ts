export type { BenjaminiHochbergResult } from './benjaminiHochberg.ts';
export { benjaminiHochberg, benjaminiHochbergAdjust } from './benjaminiHochberg.ts';
export type { CategoryCounts, NpsCategory } from './categoryCounts.ts';
export {
  categoryCountsOf,
  emptyCategoryCounts,
  mergeCategoryCounts,
  npsCategoryOf,
  totalOf,
} from './categoryCounts.ts';
export { chiSquareSurvival } from './chiSquareDistribution.ts';
export type { ChiSquareIndependenceOptions, ChiSquareTestResult } from './chiSquareTest.ts';
export { chiSquareGoodnessOfFit, chiSquareIndependence } from './chiSquareTest.ts';
export type { CsatResult, TopTwoBoxCounts } from './csat.ts';
export { csatFromCounts, mergeTopTwoBoxCounts, topTwoBoxCountsOf } from './csat.ts';
export { effectiveSampleSize } from './effectiveSampleSize.ts';
export type { MeanInterval } from './meanInterval.ts';
export { meanInterval } from './meanInterval.ts';
export type { BaseChecked } from './minimumBase.ts';
export { DEFAULT_MINIMUM_BASE, suppressBelowBase } from './minimumBase.ts';
export type { Moments } from './moments.ts';
export { emptyMoments, meanOf, mergeMoments, momentsOf, varianceOf } from './moments.ts';
export { normalCriticalValue, normalQuantile, normalTwoSidedPValue } from './normalDistribution.ts';
export type { NpsResult } from './nps.ts';
export { npsFromCounts } from './nps.ts';
export { type NpsDifference, npsDifference } from './npsDifference.ts';
export type { OneProportionZTestOptions, OneProportionZTestResult } from './oneProportionZTest.ts';
export { oneProportionZTest } from './oneProportionZTest.ts';
export type { ProportionalFittingOptions, ProportionalFittingResult } from './proportionalFitting.ts';
export { fitTableToMargins } from './proportionalFitting.ts';
export type { ProportionInterval, WilsonOptions } from './proportionInterval.ts';
export { wilsonInterval } from './proportionInterval.ts';
export type { Margins, RakingOptions, RakingResult, RakingUnit } from './raking.ts';
export { marginsOf, rakeWeights } from './raking.ts';
export {
  studentTCdf,
  studentTCriticalValue,
  studentTQuantile,
  studentTTwoSidedPValue,
} from './studentTDistribution.ts';
export type { TwoProportionZTestOptions, TwoProportionZTestResult } from './twoProportionZTest.ts';
export { twoProportionZTest } from './twoProportionZTest.ts';
export type { WelchTTestResult } from './welchTTest.ts';
export { welchTTest } from './welchTTest.ts';
