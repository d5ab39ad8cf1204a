/**
 * R's default generator, reimplemented so that `mOrder: "random"` can reproduce MatchIt's order
 * after `set.seed(seed)`: the Mersenne Twister MT19937 (Matsumoto & Nishimura 1998, ACM TOMACS
 * 8(1)), seeded as R's `set.seed` does (an integer scrambled by the linear congruential map
 * seed ← 69069·seed + 1), uniforms on 32 bits, and `sample()`'s "Rejection" index draws (R ≥ 3.6,
 * documented in `?Random`: integers below the next power of two, drawn 16 bits at a time,
 * rejected when too large).
 */
class RMersenneTwister {
  readonly #mt = new Uint32Array(624);
  #mti = 624;

  constructor(seed: number) {
    let s = seed >>> 0;
    for (let j = 0; j < 50; j++) s = (Math.imul(69069, s) + 1) >>> 0;
    // R fills 625 seeds: the first is the position index, then reset to 624 (= N).
    s = (Math.imul(69069, s) + 1) >>> 0;
    for (let j = 0; j < 624; j++) {
      s = (Math.imul(69069, s) + 1) >>> 0;
      this.#mt[j] = s;
    }
    this.#mti = 624;
  }

  #next32(): number {
    const mt = this.#mt;
    if (this.#mti >= 624) {
      const upper = 0x80000000;
      const lower = 0x7fffffff;
      const mag = (y: number) => (y & 1 ? 0x9908b0df : 0);
      let kk = 0;
      for (; kk < 624 - 397; kk++) {
        const y = (mt[kk]! & upper) | (mt[kk + 1]! & lower);
        mt[kk] = mt[kk + 397]! ^ (y >>> 1) ^ mag(y);
      }
      for (; kk < 623; kk++) {
        const y = (mt[kk]! & upper) | (mt[kk + 1]! & lower);
        mt[kk] = mt[kk + (397 - 624)]! ^ (y >>> 1) ^ mag(y);
      }
      const y = (mt[623]! & upper) | (mt[0]! & lower);
      mt[623] = mt[396]! ^ (y >>> 1) ^ mag(y);
      this.#mti = 0;
    }
    let y = mt[this.#mti++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** R's `unif_rand()`: in (0, 1). */
  unif(): number {
    const v = this.#next32() * 2.3283064365386963e-10;
    if (v <= 0) return 0.5 * 2.328306437080797e-10;
    if (1 - v <= 0) return 1 - 0.5 * 2.328306437080797e-10;
    return v;
  }

  /** R's `R_unif_index(dn)` with sample.kind = "Rejection". */
  index(dn: number): number {
    if (dn <= 0) return 0;
    const bits = Math.ceil(Math.log2(dn));
    for (;;) {
      let v = 0;
      for (let n = 0; n <= bits; n += 16) v = 65536 * v + Math.floor(this.unif() * 65536);
      const dv = v % 2 ** bits;
      if (dn > dv) return dv;
    }
  }
}

/**
 * The permutation R's `sample(n)` returns after `set.seed(seed)` (0-based), for R ≥ 3.6 with
 * the default generators (Mersenne-Twister, Inversion, Rejection).
 */
export function rSamplePermutation(n: number, seed: number): Int32Array {
  const rng = new RMersenneTwister(seed);
  const x = new Int32Array(n);
  for (let i = 0; i < n; i++) x[i] = i;
  const out = new Int32Array(n);
  let m = n;
  for (let i = 0; i < n; i++) {
    const j = rng.index(m);
    out[i] = x[j]!;
    x[j] = x[--m]!;
  }
  return out;
}
