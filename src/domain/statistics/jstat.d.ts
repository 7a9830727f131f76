// Minimal types for the parts of jstat (https://jstat.github.io) that Rapport uses.
declare module 'jstat' {
  interface JStatNormal {
    cdf(x: number, mean: number, standardDeviation: number): number;
    inv(p: number, mean: number, standardDeviation: number): number;
  }
  interface JStatStudentT {
    inv(p: number, degreesOfFreedom: number): number;
  }
  interface JStat {
    normal: JStatNormal;
    studentt: JStatStudentT;
  }
  const jStat: JStat;
  export default jStat;
}
