import { isAscii, isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** What the byte-level pre-pass learnt about a CSV file. */
export interface ByteScan {
  /** File size in bytes. */
  size: number;
  /** Detected encoding. */
  encoding: "utf8" | "cp1252" | "utf16le" | "utf16be" | "mixed";
  /** A UTF-8 BOM starts the file. */
  bom: boolean;
  /** Some `"` byte occurs (quoted fields, possibly with embedded newlines). */
  hasQuote: boolean;
  /** Some blank line occurs (DuckDB skips them, so record ≠ line). */
  hasBlankLine: boolean;
  /** The first 1 MiB (for separator sniffing and the header). */
  head: Buffer;
  /** The last 4 KiB (for footer detection). */
  tail: Buffer;
  /** Hex sha256 of the file, when asked for. */
  sha256?: string;
}

/** Length of the longest prefix of `buf` that does not end inside a UTF-8 sequence. */
function utf8SafeLength(buf: Buffer): number {
  let i = buf.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && (buf[i]! & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return buf.length;
  const lead = buf[i]!;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return buf.length - i >= need ? buf.length : i;
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes. */
function utf8Census(buf: Buffer): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : -1;
    let ok = need > 0 && i + need < buf.length + 0;
    for (let k = 1; ok && k <= need; k++) ok = i + k < buf.length && (buf[i + k]! & 0xc0) === 0x80;
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

/**
 * One streaming pass over the bytes of a file (constant memory): encoding (UTF-8, UTF-16 by BOM or
 * NUL bytes, Windows-1252 when invalid UTF-8, mixed when both), BOM, quotes, blank lines.
 */
export async function scanBytes(path: string, withHash = false): Promise<ByteScan> {
  const hash = withHash ? createHash("sha256") : undefined;
  let size = 0;
  let hasQuote = false;
  let hasBlankLine = false;
  let sawMultibyte = false;
  let sawInvalid = false;
  let sawNul = false;
  let carry: Buffer = Buffer.alloc(0);
  let prevLast = 0x0a; // start of file behaves like after a newline for blank-line detection
  const headParts: Buffer[] = [];
  let headLen = 0;
  let last: Buffer = Buffer.alloc(0); // the last chunk and the one before, for the tail
  let beforeLast: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    size += buf.length;
    hash?.update(buf);
    if (headLen < 1 << 20) {
      headParts.push(buf.subarray(0, (1 << 20) - headLen));
      headLen += Math.min(buf.length, (1 << 20) - headLen);
    }
    beforeLast = last;
    last = buf;
    if (!hasQuote && buf.indexOf(0x22) >= 0) hasQuote = true;
    if (!sawNul && buf.indexOf(0) >= 0) sawNul = true;
    if (!hasBlankLine) {
      if (
        prevLast === 0x0a &&
        (buf[0] === 0x0a || (buf[0] === 0x0d && buf[1] === 0x0a)) &&
        size > buf.length
      )
        hasBlankLine = true;
      if (buf.indexOf("\n\n") >= 0 || buf.indexOf("\n\r\n") >= 0) hasBlankLine = true;
    }
    prevLast = buf[buf.length - 1] ?? prevLast;
    const joined = carry.length ? Buffer.concat([carry, buf]) : buf;
    const cut = utf8SafeLength(joined);
    const part = joined.subarray(0, cut);
    carry = Buffer.from(joined.subarray(cut));
    // Native (SIMD) checks: the per-byte census runs only on chunks that are not valid UTF-8.
    if (isUtf8(part)) {
      if (!sawMultibyte && !isAscii(part)) sawMultibyte = true;
    } else {
      const c = utf8Census(part);
      if (c.multibyte > 0) sawMultibyte = true;
      if (c.invalid > 0) sawInvalid = true;
    }
  }
  if (carry.length) sawInvalid = true;
  const head = Buffer.concat(headParts);
  const tail = Buffer.concat([beforeLast, last]).subarray(-4096);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  let encoding: ByteScan["encoding"] = "utf8";
  if (head[0] === 0xff && head[1] === 0xfe) encoding = "utf16le";
  else if (head[0] === 0xfe && head[1] === 0xff) encoding = "utf16be";
  else if (sawNul) encoding = head.length > 1 && head[1] === 0 ? "utf16le" : "utf16be";
  else if (sawInvalid) encoding = sawMultibyte ? "mixed" : "cp1252";
  return {
    size,
    encoding,
    bom,
    hasQuote,
    hasBlankLine,
    head,
    tail,
    ...(hash ? { sha256: hash.digest("hex") } : {}),
  };
}

/** Splits one CSV line into fields (quote `"`, doubled to escape). */
export function splitCsvLine(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = "";
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQuotes = false;
      } else cur += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === sep) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/**
 * Picks the separator (contract §8 #10): among `;`, `,`, tab and `|`, the candidate giving the
 * most header fields with a consistent field count over the first 1 000 data lines.
 */
export function sniffSeparator(lines: readonly string[]): string {
  const candidates = [";", ",", "\t", "|"];
  let best = ";";
  let bestScore = 0;
  const data = lines.slice(1, 1001).filter((l) => l.trim() !== "");
  for (const sep of candidates) {
    const n = splitCsvLine(lines[0] ?? "", sep).length;
    if (n < 2) continue;
    const agree = data.filter((l) => splitCsvLine(l, sep).length === n).length;
    const consistent = data.length === 0 || agree / data.length >= 0.9;
    const score = consistent ? n : 0;
    if (score > bestScore) {
      bestScore = score;
      best = sep;
    }
  }
  return best;
}

/** Record layout of a CSV file whose records cannot be counted line by line. */
export interface RecordScan {
  /** Physical 1-based line where each record starts (header record included). */
  lines: Int32Array;
  /** Field count of each record. */
  fields: Int32Array;
  /** The last record ends inside an open quote. */
  unbalanced: boolean;
  /** Physical line of the last byte of the file (a final newline ends its line). */
  lastLine: number;
}

/**
 * Quote-aware record scan of a UTF-8 file (used only when it has quotes or blank lines): start
 * line and field count of every record; blank lines are skipped, as DuckDB skips them.
 */
export async function scanRecords(path: string, sep: string): Promise<RecordScan> {
  const sepByte = sep.charCodeAt(0);
  let lines = new Int32Array(1024);
  let fields = new Int32Array(1024);
  let n = 0;
  let line = 1;
  let inQuotes = false;
  let atRecordStart = true;
  let lineEmpty = true;
  let count = 0;
  let lastByte = 0x0a;
  const push = (): void => {
    if (n === lines.length) {
      const l2 = new Int32Array(n * 2);
      l2.set(lines);
      lines = l2;
      const f2 = new Int32Array(n * 2);
      f2.set(fields);
      fields = f2;
    }
    fields[n - 1] = count;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    lastByte = buf[buf.length - 1] ?? lastByte;
    for (let i = 0; i < buf.length; i++) {
      const b = buf[i]!;
      if (b === 0x0a) {
        line++;
        if (!inQuotes) {
          if (!atRecordStart) push();
          atRecordStart = true;
          lineEmpty = true;
        }
        continue;
      }
      if (b === 0x0d && !inQuotes) continue;
      if (atRecordStart) {
        if (n === lines.length) push();
        lines[n++] = line;
        atRecordStart = false;
        lineEmpty = false;
        count = 1;
      }
      if (b === 0x22) inQuotes = !inQuotes;
      else if (b === sepByte && !inQuotes) count++;
    }
  }
  if (!atRecordStart && !lineEmpty) push();
  return {
    lines: lines.subarray(0, n),
    fields: fields.subarray(0, n),
    unbalanced: inQuotes,
    lastLine: lastByte === 0x0a ? line - 1 : line,
  };
}
