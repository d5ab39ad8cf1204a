/**
 * Writes a French-form copy of a canonical extract folder (CSV or Parquet), to time and check
 * the careful cast path on the forms the contract accepts (§2, §8):
 *
 *   tsx --conditions=source bench/french.ts IN OUT [--dirty RATE] [--seed N]
 *
 * Every file becomes a `;`-separated Windows-1252 CSV with French header aliases, dates
 * `DD/MM/YYYY`, amounts with a decimal comma (NBSP thousands from 1 000), booleans `oui`/`non`,
 * French enum labels, départements without their leading zero and dotted APE codes. The
 * manifest is copied with the new files' rows and sha256. `--dirty RATE` (e.g. `0.0001`) turns
 * about that share of cells into bad or unusual ones (impossible dates, words in amounts,
 * whitespace, other date formats, null words, sentinels, unknown codes…), chosen by a hash of
 * the row, the column and the seed: the same input and seed give the same bytes.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import {
  CONTRACT,
  type ColumnSpec,
  type ExtractFileName,
  type Manifest,
  normaliseValue,
} from "../src/index.js";

/** French labels written for canonical codes (each must be an alias of its code). */
const FRENCH_CODES: Record<string, Record<string, string>> = {
  legal_status: { AE: "Micro-entrepreneur", TI_REEL: "TI au réel" },
  sex: { M: "Homme", F: "Femme" },
  declaration_periodicity: { M: "Mensuelle", T: "Trimestrielle" },
  direction: { IN: "Entrant", OUT: "Sortant" },
  channel: {
    PHONE: "Téléphone",
    EMAIL: "Courriel",
    VISIT: "Accueil physique",
    APPOINTMENT: "Rendez-vous",
    POSTAL_MAIL: "Courrier",
  },
  declaration_origin: { TAXATION_OFFICE: "Taxation d'office" },
  motive_category: { RELATION_USAGERS: "Relation usagers", RECOUVREMENT: "Recouvrement" },
};

/** Windows-1252 bytes 0x80–0x9F that are not Latin-1 (the rest of 0x00–0xFF is Latin-1). */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

const NBSP = "\u00A0";

/** Header written for a column: its first French alias, readable (`_` → space). */
function frenchHeader(col: ColumnSpec): string {
  const alias = col.aliases[0];
  if (alias === undefined) return col.name;
  const words = alias.replaceAll("_", " ");
  return words[0]!.toUpperCase() + words.slice(1);
}

/** The French form of a canonical cell `x` (text) of the column. */
function frenchSql(col: ColumnSpec, x: string): string {
  switch (col.kind) {
    case "date":
    case "partial_date":
      return `coalesce(strftime(TRY_CAST(${x} AS DATE), '%d/%m/%Y'), ${x})`;
    case "decimal": {
      // Integer part with NBSP thousands, then the decimals (as written) after a comma.
      const int = `TRY_CAST(split_part(${x}, '.', 1) AS BIGINT)`;
      const grouped = `replace(format('{:,}', abs(${int})), ',', '${NBSP}')`;
      const frac = `CASE WHEN contains(${x}, '.') THEN ',' || split_part(${x}, '.', 2) ELSE '' END`;
      return `CASE WHEN ${int} IS NULL THEN ${x} ELSE (CASE WHEN starts_with(${x}, '-') THEN '-' ELSE '' END) || ${grouped} || ${frac} END`;
    }
    case "boolean":
      return `CASE WHEN ${x} IN ('1', 'true') THEN 'oui' WHEN ${x} IN ('0', 'false') THEN 'non' ELSE ${x} END`;
    case "departement":
      return `CASE WHEN regexp_full_match(${x}, '0[1-9]') THEN right(${x}, 1) ELSE ${x} END`;
    case "ape":
      return `CASE WHEN regexp_full_match(${x}, '\\d{4}[A-Z]') THEN left(${x}, 2) || '.' || right(${x}, 3) ELSE ${x} END`;
    case "enum": {
      const labels = Object.entries(FRENCH_CODES[col.name] ?? {});
      for (const [code, label] of labels)
        if (col.values?.[normaliseValue(label)] !== code)
          throw new Error(`${label} is not an alias of ${col.name} ${code}`);
      if (labels.length === 0) return x;
      return `CASE ${x} ${labels.map(([c, l]) => `WHEN ${literal(c)} THEN ${literal(l)}`).join(" ")} ELSE ${x} END`;
    }
    default:
      return x;
  }
}

/** Bad or unusual variants of the French cell `f` (canonical text `x`), by column kind. */
function dirtyVariants(col: ColumnSpec, f: string, x: string): string[] {
  const ws = [`' ' || ${f} || ' '`, `${f} || '${NBSP}'`, `'\t' || ${f}`];
  switch (col.kind) {
    case "date":
    case "partial_date":
      return [
        ...ws,
        `'31/02/' || left(${x}, 4)`, // impossible date
        `'32/01/' || left(${x}, 4)`,
        `${x}`, // ISO among French dates: mixed formats
        `replace(${x}, '-', '')`, // YYYYMMDD
        `strftime(TRY_CAST(${x} AS DATE), '%d/%m/%y')`, // two-digit year
        `${x} || ' 00:00'`, // date-time
        "'NA'",
        "'31/12/9999'",
        "'inconnue'",
      ];
    case "decimal":
      return [
        ...ws,
        "'environ 100'",
        "'1,2E+03'",
        `${f} || ' €'`,
        `replace(${f}, '${NBSP}', '.')`, // 1.234,56
        "'N/A'",
        `'-' || ${f}`,
      ];
    case "boolean":
      return [...ws, "'peut-être'", "'O'", "'VRAI'"];
    case "enum":
      return [...ws, "'Autre'", `lower(${f})`];
    case "integer":
      return [...ws, "'un'", "'2.0'"];
    case "departement":
      return [...ws, "'2C'", "'100'", "'2a'"];
    case "ape":
      return [...ws, "'0000Z'", `lower(${f})`, `left(${x}, 4)`];
    case "id":
      return ws;
    default:
      return [...ws, "'-'"];
  }
}

/** Re-encodes UTF-8 text chunks to Windows-1252 bytes (throws on a character it lacks). */
function toCp1252(text: string): Buffer {
  let s = text;
  // Code units above U+00FF (surrogates included) have no Latin-1 byte.
  if (/[\u0100-\uFFFF]/.test(s)) {
    s = s.replace(/[\u0100-\uFFFF]/g, (ch) => {
      const i = CP1252_HIGH.indexOf(ch);
      if (i < 0) throw new Error(`no Windows-1252 byte for U+${ch.codePointAt(0)!.toString(16)}`);
      return String.fromCharCode(0x80 + i);
    });
  }
  return Buffer.from(s, "latin1");
}

/** Streams a UTF-8 file to a Windows-1252 file; returns the sha256 of the bytes written. */
async function transcode(from: string, to: string): Promise<string> {
  const hash = createHash("sha256");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const out = createWriteStream(to);
  const write = async (b: Buffer): Promise<void> => {
    hash.update(b);
    if (!out.write(b)) await once(out, "drain");
  };
  for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 }))
    await write(toCp1252(decoder.decode(chunk as Buffer, { stream: true })));
  await write(toCp1252(decoder.decode()));
  out.end();
  await once(out, "finish");
  return hash.digest("hex");
}

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const rate = Number(option("--dirty") ?? 0);
const seed = Number(option("--seed") ?? 1);
const [input, output] = args;
if (!input || !output) throw new Error("usage: french.ts IN OUT [--dirty RATE] [--seed N]");

const manifest = JSON.parse(await readFile(join(input, "manifest.json"), "utf8")) as Manifest;
await rm(output, { recursive: true, force: true });
await mkdir(output, { recursive: true });
const db = await DuckDBInstance.create(":memory:");
const conn = await db.connect();
const files: NonNullable<Manifest["files"]> = {};
for (const entry of (await readdir(input)).sort()) {
  const m = entry.match(/^(\w+)\.(csv|parquet)$/);
  if (!m || !(m[1]! in CONTRACT)) continue;
  const name = m[1] as ExtractFileName;
  const path = join(input, entry);
  const source =
    m[2] === "csv"
      ? `read_csv(${literal(path)}, all_varchar = true, header = true, delim = ';', quote = '"')`
      : `read_parquet(${literal(path)})`;
  const names = (await conn.runAndReadAll(`SELECT * FROM ${source} LIMIT 0`)).columnNames();
  const specs = CONTRACT[name];
  const cols = names.map((n, j) => ({ n, j, spec: specs.find((c) => c.name === n) }));
  // Every cell as text (Parquet types too), plus one hash of the row for the dirty draws.
  const text = cols.map(({ n, j }) => `CAST(${ident(n)} AS VARCHAR) AS __x${j}`);
  const rowHash = `hash(concat_ws('|', ${cols.map(({ j }) => `__x${j}`).join(", ")}))`;
  const select = cols.map(({ n, j, spec }) => {
    const x = `__x${j}`;
    const f = spec ? frenchSql(spec, x) : x;
    let cell = f;
    if (rate > 0 && spec) {
      const variants = dirtyVariants(spec, f, x);
      const draw = `hash(__h, ${literal(n)}, ${seed})`;
      cell = `CASE WHEN ${x} IS NOT NULL AND ${draw} % 1000000 < ${Math.round(rate * 1e6)}
        THEN coalesce(CASE (${draw} // 1000000) % ${variants.length} ${variants.map((v, i) => `WHEN ${i} THEN ${v}`).join(" ")} END, ${f})
        ELSE ${f} END`;
    }
    return `${cell} AS ${ident(spec ? frenchHeader(spec) : n)}`;
  });
  const utf8 = join(output, `${name}.utf8.tmp`);
  const copied = await conn.runAndReadAll(
    `COPY (SELECT ${select.join(", ")} FROM (SELECT *, ${rowHash} AS __h FROM (SELECT ${text.join(", ")} FROM ${source}))) TO ${literal(utf8)} (FORMAT csv, HEADER, DELIMITER ';', QUOTE '"')`,
  );
  const rows = Number(copied.getRowsJS()[0]![0]);
  const sha256 = await transcode(utf8, join(output, `${name}.csv`));
  await rm(utf8);
  files[`${name}.csv`] = { rows, sha256 };
  process.stderr.write(`  ${name}.csv: ${rows} rows\n`);
}
conn.closeSync();
await writeFile(
  join(output, "manifest.json"),
  `${JSON.stringify({ ...manifest, files }, null, 2)}\n`,
);
if (!existsSync(join(output, "accounts.csv"))) throw new Error(`no accounts file in ${input}`);
