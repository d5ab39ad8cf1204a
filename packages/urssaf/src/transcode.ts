import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";

/**
 * Re-encodes a file to UTF-8 (streaming, constant memory) and drops any BOM. Windows-1252 is
 * used for Latin-1 files too: it is a superset for printable characters (contract §8 #8).
 */
export async function transcodeToUtf8(
  from: string,
  to: string,
  encoding: "cp1252" | "utf16le" | "utf16be",
): Promise<void> {
  const label =
    encoding === "cp1252" ? "windows-1252" : encoding === "utf16le" ? "utf-16le" : "utf-16be";
  const decoder = new TextDecoder(label);
  const out = createWriteStream(to);
  let first = true;
  for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 })) {
    let text = decoder.decode(chunk as Buffer, { stream: true });
    if (first) {
      text = text.replace(/^\uFEFF/, "");
      first = false;
    }
    if (!out.write(text)) await once(out, "drain");
  }
  out.write(decoder.decode());
  out.end();
  await once(out, "finish");
}
