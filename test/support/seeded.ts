/**
 * A deterministic pseudo-random source for the property tests (xorshift32): `next(k)` gives an
 * integer in [0, k). The same seed gives the same sequence, so a failing case can be replayed.
 */
export function seededInts(seed: number): (k: number) => number {
  let x = seed >>> 0 || 1;
  return (k) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % k;
  };
}
