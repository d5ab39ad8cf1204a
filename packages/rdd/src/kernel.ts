/** Kernel functions of the local-polynomial fits. */
export type Kernel = "triangular" | "epanechnikov" | "uniform";

/** Every accepted kernel name (rdrobust's short names map to these). */
export const KERNELS: readonly Kernel[] = ["triangular", "epanechnikov", "uniform"];

/**
 * Kernel weight K((x - c)/h)/h, as rdrobust weights observations (Calonico, Cattaneo & Titiunik
 * 2014, Econometrica, sec. 2): triangular (1-|u|), Epanechnikov 0.75(1-u²), uniform 0.5, all on
 * |u| <= 1. The triangular and Epanechnikov weights vanish at |u| = 1; the uniform one does not.
 */
export function kernelWeight(u: number, h: number, kernel: Kernel): number {
  const a = Math.abs(u);
  if (a > 1) return 0;
  switch (kernel) {
    case "triangular":
      return (1 - a) / h;
    case "epanechnikov":
      return (0.75 * (1 - u * u)) / h;
    case "uniform":
      return 0.5 / h;
  }
}

/** Normalises user spellings (`tri`, `epa`, `uni`, any case) to a {@link Kernel}, or undefined. */
export function parseKernel(name: string): Kernel | undefined {
  const k = name.toLowerCase();
  if (k === "tri" || k === "triangular") return "triangular";
  if (k === "epa" || k === "epanechnikov") return "epanechnikov";
  if (k === "uni" || k === "uniform") return "uniform";
  return undefined;
}
