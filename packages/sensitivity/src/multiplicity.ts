import { ParcoursError } from "@parcours-eval/core";

function checkP(p: readonly number[]): void {
  for (const v of p) {
    if (!(v >= 0 && v <= 1)) {
      throw new ParcoursError("SENSITIVITY_BAD_PVALUE", `p-value ${v} is not in [0, 1]`, {
        value: v,
      });
    }
  }
}

/**
 * Holm's step-down adjusted p-values (Holm 1979), as R `p.adjust(p, "holm")`: sorted ascending,
 * p_(i)·(m − i + 1), made non-decreasing, capped at 1. Returned in input order.
 */
export function holm(p: readonly number[]): number[] {
  checkP(p);
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]! || a - b);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach((idx, i) => {
    running = Math.max(running, Math.min(1, (m - i) * p[idx]!));
    out[idx] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg adjusted p-values (false discovery rate, Benjamini & Hochberg 1995), as R
 * `p.adjust(p, "BH")`: sorted descending, p_(i)·m/i, made non-increasing, capped at 1.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  checkP(p);
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]! || b - a);
  const out = new Array<number>(m);
  let running = 1;
  order.forEach((idx, k) => {
    const rank = m - k; // 1-based rank in ascending order
    running = Math.min(running, (m / rank) * p[idx]!);
    out[idx] = Math.min(1, running);
  });
  return out;
}
