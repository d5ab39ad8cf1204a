import { createHash, type Hash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";

const FLUSH_BYTES = 1 << 20;

/** What a closed {@link CsvSink} reports for the manifest. */
export interface SinkSummary {
  /** Data rows written (header excluded). */
  rows: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

/**
 * A canonical-CSV file written in chunks of about 1 MB (contract §0: UTF-8 without BOM, `;`,
 * LF, header row). Rows are appended as ready-made lines; the hash is computed on the fly.
 */
export class CsvSink {
  private readonly fd: number;
  private readonly hash: Hash;
  private readonly buf = Buffer.allocUnsafe(FLUSH_BYTES + (1 << 16));
  private pos = 0;
  private count = 0;

  constructor(
    /** Path of the file. */
    readonly path: string,
    /** Column names, in order. */
    readonly columns: readonly string[],
  ) {
    this.fd = openSync(path, "w");
    this.hash = createHash("sha256");
    this.push(columns.join(";"));
  }

  private push(line: string): void {
    // A row is far below 64 KB, so it always fits after the flush threshold.
    if (line.length * 3 + 1 > this.buf.length - this.pos) {
      this.flush();
      if (line.length * 3 + 1 > this.buf.length) throw new RangeError("CSV row too long");
    }
    this.pos += this.buf.write(line, this.pos, "utf8");
    this.buf[this.pos++] = 10;
    if (this.pos >= FLUSH_BYTES) this.flush();
  }

  /** Appends one data row: fields already formatted and escaped, joined by `;`. */
  row(line: string): void {
    this.count++;
    this.push(line);
  }

  private flush(): void {
    if (this.pos === 0) return;
    const bytes = this.buf.subarray(0, this.pos);
    this.hash.update(bytes);
    let off = 0;
    while (off < bytes.length) off += writeSync(this.fd, bytes, off);
    this.pos = 0;
  }

  /** Flushes and closes the file. */
  close(): SinkSummary {
    this.flush();
    closeSync(this.fd);
    return { rows: this.count, sha256: this.hash.digest("hex") };
  }
}

/** Quotes a free-text field when it holds `;`, `"` or a line break (contract §0). */
export function csvText(value: string): string {
  if (!/[;"\n\r]/.test(value)) return value;
  return `"${value.replace(/"/g, '""')}"`;
}

/** Formats integer cents as `1234.56`. */
export function money(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const c = Math.abs(cents);
  const euros = Math.floor(c / 100);
  const r = c - euros * 100;
  return `${sign}${euros}.${r < 10 ? "0" : ""}${r}`;
}
