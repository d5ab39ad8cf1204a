import { createReadStream } from "node:fs";
import { splitCsvLine } from "./sniff.js";

/**
 * The fields of the records starting at the given physical lines of a UTF-8 CSV file (1-based;
 * a record may continue on the next lines inside quotes). Streams the file up to the last wanted
 * record only, so looking up the first examples of a report stays cheap.
 */
export async function recordsAtLines(
  path: string,
  separator: string,
  lines: Iterable<number>,
): Promise<Map<number, string[]>> {
  const wanted = [...new Set(lines)].filter((l) => l >= 1).sort((a, b) => a - b);
  const out = new Map<number, string[]>();
  if (wanted.length === 0) return out;
  let line = 1; // physical line at the start of `pending`
  let next = 0; // index in `wanted`
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let pos = 0;
    for (;;) {
      const nl = pending.indexOf(0x0a, pos);
      if (nl < 0) break;
      if (line === wanted[next]) {
        // The record ends at the first newline outside quotes.
        let end = nl;
        let quotes = 0;
        for (let i = pos; i < end; i++) if (pending[i] === 0x22) quotes++;
        let spanned = 0;
        while (quotes % 2 === 1) {
          const more = pending.indexOf(0x0a, end + 1);
          if (more < 0) break;
          for (let i = end; i < more; i++) if (pending[i] === 0x22) quotes++;
          end = more;
          spanned++;
        }
        if (quotes % 2 === 1) break; // the record continues in the next chunk
        const text = pending.toString("utf8", pos, end).replace(/\r$/, "");
        out.set(line, splitCsvLine(text, separator));
        next++;
        if (next === wanted.length) return out;
        line += spanned + 1;
        pos = end + 1;
        continue;
      }
      line++;
      pos = nl + 1;
    }
    pending = pending.subarray(pos);
  }
  if (next < wanted.length && line === wanted[next] && pending.length)
    out.set(line, splitCsvLine(pending.toString("utf8").replace(/\r$/, ""), separator));
  return out;
}
