import { readFileSync } from "node:fs";

/** Reads a canonical CSV (`;`, `"` quotes, LF) into header-keyed rows, independently of the generator. */
export function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, "utf8");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const header = lines[0]!.split(";");
  const out: Record<string, string>[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const fields = line.includes('"') ? splitQuoted(line) : line.split(";");
    if (fields.length !== header.length) throw new Error(`ragged row ${i + 1} in ${path}: ${line}`);
    const row: Record<string, string> = {};
    for (let j = 0; j < header.length; j++) row[header[j]!] = fields[j]!;
    out.push(row);
  }
  return out;
}

/** Splits one line with `"` quoting (no embedded newlines in generated files). */
function splitQuoted(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ";") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** Groups rows by `account_id`. */
export function byAccount(rows: Record<string, string>[]): Map<string, Record<string, string>[]> {
  const m = new Map<string, Record<string, string>[]>();
  for (const r of rows) {
    const k = r.account_id!;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

// Independent date arithmetic on ISO strings through JS Date (UTC).
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (x: Date) => x.toISOString().slice(0, 10);

/** Last day of the month `k` months after the month of `date`. */
export function eom(date: string, k: number): string {
  const x = d(date);
  return iso(new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + k + 1, 0)));
}

/** Same date `k` months later, clamped to the month end. */
export function plusMonths(date: string, k: number): string {
  const x = d(date);
  const last = new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + k + 1, 0)).getUTCDate();
  return iso(
    new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() + k, Math.min(x.getUTCDate(), last))),
  );
}

/** `date` plus `n` days. */
export function plusDays(date: string, n: number): string {
  return iso(new Date(d(date).getTime() + n * 86_400_000));
}

/** Theoretical first AE declaration (urssaf-domain.md §5.1): period end and due date. */
export function theoreticalFirst(start: string, periodicity: string): { end: string; due: string } {
  if (periodicity === "M") return { end: eom(start, 3), due: eom(start, 4) };
  const x = d(start);
  const q0 = iso(
    new Date(Date.UTC(x.getUTCFullYear(), x.getUTCMonth() - (x.getUTCMonth() % 3), 1)),
  );
  return { end: eom(q0, 5), due: eom(q0, 6) };
}

/** Age in completed years. */
export function age(birth: string, at: string): number {
  const [by, bm, bd] = birth.split("-").map(Number) as [number, number, number];
  const [ay, am, ad] = at.split("-").map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

/** Cents of a canonical decimal. */
export function cents(v: string): number {
  const [e, c = "0"] = v.split(".");
  return Number(e) * 100 + (e!.startsWith("-") ? -1 : 1) * Number(c.padEnd(2, "0"));
}
