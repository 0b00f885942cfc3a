// The few jStat functions the tests use (the package ships no types).
declare module 'jstat' {
  export const jStat: {
    beta: { cdf(x: number, a: number, b: number): number };
    mean(xs: number[]): number;
    variance(xs: number[]): number;
  };
}
