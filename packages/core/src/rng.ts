import seedrandom from "seedrandom";

/** A seeded pseudo-random generator. Same seed, same sequence, on every machine. */
export interface Rng {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform integer on [0, n). */
  int(n: number): number;
  /** Bernoulli draw: 1 with probability p. */
  bernoulli(p: number): 0 | 1;
  /** In-place Fisher–Yates shuffle; returns its argument. */
  shuffle<T extends { length: number; [i: number]: unknown }>(values: T): T;
}

/**
 * Creates a seeded generator (seedrandom's Alea: fast, and portable across platforms).
 * @param seed any number or string; the same seed always gives the same sequence.
 */
export function createRng(seed: number | string): Rng {
  const next = seedrandom.alea(String(seed));
  let spare = Number.NaN;
  const rng: Rng = {
    uniform: () => next(),
    normal() {
      if (!Number.isNaN(spare)) {
        const s = spare;
        spare = Number.NaN;
        return s;
      }
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(next() * n),
    bernoulli: (p) => (next() < p ? 1 : 0),
    shuffle(values) {
      for (let i = values.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
      }
      return values;
    },
  };
  return rng;
}
