import type { DuckDBConnection } from "@duckdb/node-api";
import { ident, literal } from "@parcours-eval/cohort";
import { CONTRACT, type ExtractFileName } from "./contract.js";
import type { FindingList } from "./findings.js";

async function one(conn: DuckDBConnection, sql: string): Promise<number> {
  return Number((await conn.runAndReadAll(sql)).getRowsJS()[0]![0] ?? 0);
}

const issue = (file: string, column: string, code: string, severity: string): string =>
  `${literal(file)}, __rec, ${literal(column)}, ${literal(code)}, ${literal(severity)}`;

/** Duplicate account ids (§6.1): exact copies keep one (warn); conflicting copies are all excluded. */
export async function checkAccountDuplicates(conn: DuckDBConnection): Promise<void> {
  const cols = CONTRACT.accounts.map((c) => `CAST(${ident(c.name)} AS VARCHAR)`).join(", ");
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __acc_dup AS SELECT __rec, account_id, count(*) OVER (PARTITION BY account_id) AS n, count(DISTINCT h) OVER (PARTITION BY account_id) AS nh, row_number() OVER (PARTITION BY account_id ORDER BY __rec) AS k FROM (SELECT __rec, account_id, md5(concat_ws('|', ${cols})) AS h FROM t_accounts WHERE account_id IS NOT NULL) WHERE true`,
  );
  await conn.run(
    `INSERT INTO __issues SELECT ${issue("accounts", "account_id", "EXTRACT_CONFLICTING_DUPLICATE_ID", "row")} FROM __acc_dup WHERE n > 1 AND nh > 1`,
  );
  await conn.run(
    `INSERT INTO __issues SELECT ${issue("accounts", "account_id", "EXTRACT_DUPLICATE_ROW", "warn")} FROM __acc_dup WHERE n > 1 AND nh = 1 AND k > 1`,
  );
  await conn.run(
    `INSERT INTO __drop SELECT 'accounts', __rec FROM __acc_dup WHERE n > 1 AND nh = 1 AND k > 1`,
  );
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE __acc1 AS SELECT * FROM t_accounts QUALIFY row_number() OVER (PARTITION BY account_id ORDER BY __rec) = 1`,
  );
}

/** Cleans accounts: typed rows minus row errors and dropped duplicates. */
export async function cleanAccounts(conn: DuckDBConnection): Promise<void> {
  await cleanTable(conn, "accounts");
}

async function cleanTable(
  conn: DuckDBConnection,
  file: ExtractFileName,
  extra = "",
): Promise<void> {
  await conn.run(
    `CREATE OR REPLACE TABLE ${ident(file)} AS SELECT COLUMNS(c -> NOT starts_with(c, '__p_') AND NOT starts_with(c, '__f_') AND c <> '__ws')${extra} FROM t_${file} x WHERE NOT EXISTS (SELECT 1 FROM __issues i WHERE i.file = ${literal(file)} AND i.severity = 'row' AND i.rec = x.__rec) AND NOT EXISTS (SELECT 1 FROM __drop d WHERE d.file = ${literal(file)} AND d.rec = x.__rec) ORDER BY __rec`,
  );
}

/**
 * Foreign keys (§6.2), keys and duplicates (§6.3–6.5) of a dependent file, then its clean table.
 * Returns false when orphans exceed the threshold (fatal EXTRACT_ANONYMISATION_MISMATCH).
 */
export async function checkDependentFile(
  conn: DuckDBConnection,
  file: ExtractFileName,
  display: string,
  findings: FindingList,
  orphanThreshold: number,
  signConvention: "magnitude" | "signed",
): Promise<boolean> {
  const t = `t_${file}`;
  await conn.run(
    `INSERT INTO __issues SELECT ${issue(file, "account_id", "EXTRACT_ORPHAN_FK", "row")} FROM ${t} x WHERE x.account_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM __acc1 a WHERE a.account_id = x.account_id)`,
  );
  const total = await one(conn, `SELECT count(*) FROM ${t}`);
  const orphans = await one(
    conn,
    `SELECT count(*) FROM __issues WHERE file = ${literal(file)} AND code = 'EXTRACT_ORPHAN_FK'`,
  );
  if (total > 0 && orphans / total > orphanThreshold) {
    findings.add({
      code: "EXTRACT_ANONYMISATION_MISMATCH",
      file: display,
      count: orphans,
      message: `${orphans} of ${total} rows (${((100 * orphans) / total).toFixed(1)}%) have an account_id absent from accounts (threshold ${(100 * orphanThreshold).toFixed(0)}%): the files were probably anonymised separately`,
    });
    return false;
  }
  await conn.run(
    `INSERT INTO __issues SELECT ${issue(file, "account_id", "EXTRACT_ACCOUNT_EXCLUDED", "row")} FROM ${t} x WHERE EXISTS (SELECT 1 FROM __acc1 a WHERE a.account_id = x.account_id) AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = x.account_id)`,
  );
  const cols = CONTRACT[file].map((c) => ident(c.name)).join(", ");
  if (file === "declarations") {
    await conn.run(
      `INSERT INTO __issues SELECT ${issue(file, "declaration_seq", "EXTRACT_DUPLICATE_KEY", "row")} FROM (SELECT __rec, row_number() OVER (PARTITION BY account_id, period_start, period_end, declaration_seq ORDER BY __rec) AS k FROM ${t} WHERE declaration_seq IS NOT NULL) WHERE k > 1`,
    );
    await conn.run(
      `INSERT INTO __issues SELECT ${issue(file, "period_start", "EXTRACT_DUPLICATE_PERIOD", "warn")} FROM (SELECT __rec, count(*) OVER (PARTITION BY account_id, period_start, period_end) AS n FROM ${t} WHERE declaration_seq IS NULL AND coalesce(declaration_origin, '') <> 'TAXATION_OFFICE') WHERE n > 1`,
    );
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
    await conn.run(
      `INSERT INTO __issues SELECT ${issue(file, idCol, "EXTRACT_DUPLICATE_KEY", "row")} FROM (SELECT __rec, row_number() OVER (PARTITION BY ${ident(idCol)} ORDER BY __rec) AS k FROM ${t} WHERE ${ident(idCol)} IS NOT NULL) WHERE k > 1`,
    );
  }
  if (file === "accounting_entries" || file === "contacts") {
    const code = file === "contacts" ? "EXTRACT_DUPLICATE_CONTACT" : "EXTRACT_DUPLICATE_ENTRY";
    await conn.run(
      `INSERT INTO __issues SELECT ${issue(file, "account_id", code, "warn")} FROM (SELECT __rec, count(*) OVER (PARTITION BY ${cols}) AS n FROM ${t} WHERE ${ident(idCol!)} IS NULL) WHERE n > 1`,
    );
  }
  if (file === "accounting_entries") {
    await conn.run(
      `INSERT INTO __issues SELECT ${issue(file, "period_start", "EXTRACT_UNMATCHED_PAYMENT_PERIOD", "warn")} FROM ${t} x WHERE x.operation_code IN ('CAF', 'CRT') AND x.period_start IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${t} y WHERE y.account_id = x.account_id AND y.operation_code = 'DC' AND y.period_start = x.period_start AND y.period_end = x.period_end)${
        (
          await one(
            conn,
            "SELECT count(*) FROM duckdb_tables() WHERE table_name = 't_declarations'",
          )
        ) > 0
          ? " AND NOT EXISTS (SELECT 1 FROM t_declarations d WHERE d.account_id = x.account_id AND d.period_start = x.period_start AND d.period_end = x.period_end)"
          : ""
      }`,
    );
  }
  // Amounts are normalised to the magnitude convention (contract §3.4).
  const extra = file === "accounting_entries" && signConvention === "signed" ? "" : "";
  await cleanTable(conn, file, extra);
  if (file === "accounting_entries" && signConvention === "signed")
    await conn.run(
      `UPDATE accounting_entries SET amount = abs(amount) WHERE operation_code <> 'DC'`,
    );
  return true;
}
