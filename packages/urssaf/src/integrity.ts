import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import { CONTRACT, type ExtractFileName } from "./contract.js";
import type { FindingList } from "./findings.js";
import { applyRules, type Rule } from "./rules.js";
import { scalar } from "./sql-read.js";

const issue = (file: string, column: string, code: string, severity: string): string =>
  `${literal(file)}, __rec, ${literal(column)}, ${literal(code)}, ${literal(severity)}`;

/** Records of `file` excluded so far (row errors and dropped duplicates), as a SQL subquery. */
const badRecs = (file: ExtractFileName): string =>
  `(SELECT rec FROM __issues WHERE file = ${literal(file)} AND severity = 'row' UNION ALL SELECT rec FROM __drop WHERE file = ${literal(file)})`;

/**
 * Duplicate account ids (§6.1): exact copies keep one (warn); conflicting copies are all
 * excluded. Only the ids that occur more than once are hashed.
 */
export async function checkAccountDuplicates(conn: DuckDBConnection): Promise<void> {
  await conn.run(
    "CREATE OR REPLACE TEMP TABLE __nonfirst (rec BIGINT)", // later copies of a duplicated id
  );
  const dups = await scalar(
    conn,
    "SELECT count(*) FROM (SELECT account_id FROM t_accounts WHERE account_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)",
  );
  if (dups === 0) return;
  // Every column as text, NULLs included, so that rows differing by a NULL differ.
  const cols = CONTRACT.accounts.map((c) => `CAST(${ident(c.name)} AS VARCHAR)`).join(", ");
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __acc_dup AS SELECT __rec, account_id, count(*) OVER (PARTITION BY account_id) AS n, count(DISTINCT h) OVER (PARTITION BY account_id) AS nh, row_number() OVER (PARTITION BY account_id ORDER BY __rec) AS k FROM (SELECT __rec, account_id, md5(CAST([${cols}] AS VARCHAR)) AS h FROM (SELECT rowid AS __rec, * FROM t_accounts) WHERE account_id IN (SELECT account_id FROM t_accounts WHERE account_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1))`,
  );
  await conn.run(
    `INSERT INTO __issues SELECT ${issue("accounts", "account_id", "EXTRACT_CONFLICTING_DUPLICATE_ID", "row")} FROM __acc_dup WHERE nh > 1`,
  );
  await conn.run(
    `INSERT INTO __issues SELECT ${issue("accounts", "account_id", "EXTRACT_DUPLICATE_ROW", "warn")} FROM __acc_dup WHERE nh = 1 AND k > 1`,
  );
  await conn.run(
    "INSERT INTO __drop SELECT 'accounts', __rec FROM __acc_dup WHERE nh = 1 AND k > 1",
  );
  await conn.run("INSERT INTO __nonfirst SELECT __rec FROM __acc_dup WHERE k > 1");
}

/**
 * `__acc1`: the first typed row of each account id (what the other files are checked against),
 * with `kept` telling whether the account survives its own checks. Run after the account rules.
 */
export async function buildAccountIndex(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE __acc1 AS
    SELECT x.account_id, x.legal_status, x.birth_date, x.registration_date, x.activity_start_date,
      x.rowid NOT IN ${badRecs("accounts")} AS kept
    FROM t_accounts x WHERE x.account_id IS NOT NULL AND x.rowid NOT IN (SELECT rec FROM __nonfirst)`);
}

/**
 * Moves the excluded rows of a checked file aside (`__x_<file>`, for the report's examples) and
 * renames its typed table to the clean table `<file>`.
 */
export async function cleanFile(conn: DuckDBConnection, file: ExtractFileName): Promise<void> {
  const t = `t_${file}`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE __bad AS SELECT DISTINCT rec FROM ${badRecs(file)}`);
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${ident(`__x_${file}`)} AS SELECT rowid AS __rec, * FROM ${t} WHERE rowid IN (SELECT rec FROM __bad)`,
  );
  await conn.run(`DELETE FROM ${t} WHERE rowid IN (SELECT rec FROM __bad)`);
  await conn.run(`DROP TABLE IF EXISTS ${ident(file)}`);
  await conn.run(`ALTER TABLE ${t} RENAME TO ${ident(file)}`);
}

/**
 * Rows whose `key` columns repeat (among rows matching `where`, written with `$.` before each
 * column): later copies, or all copies when `allCopies`, become an issue.
 */
async function duplicateKeys(
  conn: DuckDBConnection,
  file: ExtractFileName,
  key: readonly string[],
  where: string,
  column: string,
  code: string,
  severity: "row" | "warn",
  allCopies: boolean,
): Promise<void> {
  const t = `t_${file}`;
  const k = key.map(ident);
  const w = where.replaceAll("$.", "");
  // Only the rows whose key hash repeats are grouped on the key itself: equal keys hash alike,
  // so no repeated key is missed, and the cheap pass on one integer discards almost every row.
  const h = `hash(${k.join(", ")})`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __dk AS SELECT ${k.join(", ")}, min(rowid) AS __r0 FROM ${t}
    WHERE ${w} AND ${h} IN (SELECT h FROM (SELECT ${h} AS h FROM ${t} WHERE ${w}) GROUP BY h HAVING count(*) > 1)
    GROUP BY ALL HAVING count(*) > 1`,
  );
  if ((await scalar(conn, "SELECT count(*) FROM __dk")) === 0) return;
  const on = k.map((c) => `x.${c} IS NOT DISTINCT FROM d.${c}`).join(" AND ");
  await conn.run(
    `INSERT INTO __issues SELECT ${literal(file)}, x.rowid, ${literal(column)}, ${literal(code)}, ${literal(severity)} FROM ${t} x JOIN __dk d ON ${on} WHERE (${where.replaceAll("$.", "x.")})${allCopies ? "" : " AND x.rowid > d.__r0"}`,
  );
}

/**
 * Declaration periods of one account that overlap (§6.3; the same period declared again is not
 * an overlap): each distinct period starting on or before the end of an earlier one is flagged
 * once, at its first row. One window over the rows themselves: `EXCLUDE GROUP` leaves the copies
 * of the current period out of its frame, so no prior grouping into distinct periods is needed.
 * That window runs only on the accounts where some period starts on or before the end of the
 * distinct period just before it (a cheaper `lag`): the first overlapping period of an account
 * always does, the earlier ones being disjoint and their ends increasing.
 */
async function overlappingPeriods(conn: DuckDBConnection): Promise<void> {
  const rows = "FROM t_declarations WHERE account_id IS NOT NULL AND period_end >= period_start";
  await conn.run(`INSERT INTO __issues
    SELECT 'declarations', min(rec), 'period_start', 'EXTRACT_OVERLAPPING_PERIODS', 'warn' FROM (
      SELECT rowid AS rec, account_id, period_start, period_end,
        max(period_end) OVER (PARTITION BY account_id ORDER BY period_start, period_end
          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE GROUP) AS earlier_end
      ${rows} AND account_id IN (SELECT account_id FROM (
        SELECT account_id, period_start, period_end, lag(period_start) OVER w AS ps, lag(period_end) OVER w AS pe
        ${rows} WINDOW w AS (PARTITION BY account_id ORDER BY period_start, period_end))
        WHERE period_start <= pe AND (ps <> period_start OR pe <> period_end)))
    WHERE period_start <= earlier_end GROUP BY account_id, period_start, period_end`);
}

/**
 * Checks of a dependent file against the accounts, in one pass with its row rules: orphans and
 * rows of excluded accounts (§6.2), then keys and duplicates (§6.3–6.5). Returns false when
 * orphans exceed the threshold (fatal EXTRACT_ANONYMISATION_MISMATCH).
 */
export async function checkDependentFile(
  conn: DuckDBConnection,
  file: ExtractFileName,
  display: string,
  findings: FindingList,
  orphanThreshold: number,
  rules: readonly Rule[],
): Promise<boolean> {
  const t = `t_${file}`;
  const fk: Rule[] = [
    {
      file,
      code: "EXTRACT_ORPHAN_FK",
      severity: "row",
      column: "account_id",
      where: "x.account_id IS NOT NULL AND a.account_id IS NULL",
    },
    {
      file,
      code: "EXTRACT_ACCOUNT_EXCLUDED",
      severity: "row",
      column: "account_id",
      where: "a.account_id IS NOT NULL AND NOT a.kept",
    },
  ];
  await applyRules(conn, file, [...rules, ...fk]);
  const total = await scalar(conn, `SELECT count(*) FROM ${t}`);
  const orphans = await scalar(
    conn,
    `SELECT count(*) FROM __issues WHERE file = ${literal(file)} AND code = 'EXTRACT_ORPHAN_FK'`,
  );
  if (total > 0 && orphans / total > orphanThreshold) {
    await conn.run(
      `DELETE FROM __issues WHERE file = ${literal(file)} AND code = 'EXTRACT_ACCOUNT_EXCLUDED'`,
    );
    findings.add({
      code: "EXTRACT_ANONYMISATION_MISMATCH",
      file: display,
      count: orphans,
      message: `${orphans} of ${total} rows (${((100 * orphans) / total).toFixed(1)}%) have an account_id absent from accounts (threshold ${(100 * orphanThreshold).toFixed(0)}%): the files were probably anonymised separately`,
    });
    return false;
  }
  if (file === "declarations") {
    await duplicateKeys(
      conn,
      file,
      ["account_id", "period_start", "period_end", "declaration_seq"],
      "$.declaration_seq IS NOT NULL",
      "declaration_seq",
      "EXTRACT_DUPLICATE_KEY",
      "row",
      false,
    );
    await duplicateKeys(
      conn,
      file,
      ["account_id", "period_start", "period_end"],
      "$.declaration_seq IS NULL AND coalesce($.declaration_origin, '') <> 'TAXATION_OFFICE'",
      "period_start",
      "EXTRACT_DUPLICATE_PERIOD",
      "warn",
      true,
    );
    await overlappingPeriods(conn);
  }
  const idCol =
    file === "accounting_entries"
      ? "entry_id"
      : file === "contacts"
        ? "contact_id"
        : file === "taxations_office"
          ? "to_id"
          : file === "watt_cases"
            ? "case_id"
            : undefined;
  if (idCol) {
    await duplicateKeys(
      conn,
      file,
      [idCol],
      `$.${ident(idCol)} IS NOT NULL`,
      idCol,
      "EXTRACT_DUPLICATE_KEY",
      "row",
      false,
    );
  }
  if (file === "accounting_entries" || file === "contacts") {
    const anyNullId = await scalar(
      conn,
      `SELECT count(*) FROM (SELECT 1 FROM ${t} WHERE ${ident(idCol!)} IS NULL LIMIT 1)`,
    );
    if (anyNullId > 0)
      await duplicateKeys(
        conn,
        file,
        CONTRACT[file].map((c) => c.name),
        `$.${ident(idCol!)} IS NULL`,
        "account_id",
        file === "contacts" ? "EXTRACT_DUPLICATE_CONTACT" : "EXTRACT_DUPLICATE_ENTRY",
        "warn",
        true,
      );
  }
  if (file === "accounting_entries") {
    const hasDecl =
      (await scalar(
        conn,
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 't_declarations'",
      )) > 0;
    await conn.run(
      `INSERT INTO __issues SELECT ${literal(file)}, x.rowid, 'period_start', 'EXTRACT_UNMATCHED_PAYMENT_PERIOD', 'warn' FROM ${t} x WHERE x.operation_code IN ('CAF', 'CRT') AND x.period_start IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${t} y WHERE y.account_id = x.account_id AND y.operation_code = 'DC' AND y.period_start = x.period_start AND y.period_end = x.period_end)${
        hasDecl
          ? " AND NOT EXISTS (SELECT 1 FROM t_declarations d WHERE d.account_id = x.account_id AND d.period_start = x.period_start AND d.period_end = x.period_end)"
          : ""
      }`,
    );
  }
  return true;
}
