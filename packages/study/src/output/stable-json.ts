/**
 * JSON text that is byte-identical for equal data: keys in insertion order (our result builders
 * fix it), non-finite numbers as null (JSON has no NaN), two-space indentation, final newline.
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === "number" && !Number.isFinite(v)) return null;
      if (ArrayBuffer.isView(v) && !(v instanceof DataView))
        return Array.from(v as unknown as ArrayLike<number>);
      return v;
    },
    2,
  )}\n`;
}
