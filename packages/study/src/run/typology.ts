import {
  type ClusterProfiles,
  chooseK,
  clusterProfiles,
  type IndicatorRow,
  indicatorsByCluster,
  type KChoiceRow,
  type KMedoidsResult,
} from "@parcours-eval/cluster";
import { frameFromDuckDB } from "@parcours-eval/cohort";
import { type Frame, ParcoursError } from "@parcours-eval/core";
import type { ExtractHandle } from "@parcours-eval/urssaf";
import { INDICATOR_SQL, num, queryRows, sqlText } from "../descriptives/sql.js";

/** Clustering variables of the study's typology (annex 9 §64). */
export const TYPOLOGY_VARS = ["age", "sex", "naf_div"] as const;

/** Edges of the bands of the maximum of the first three declared turnovers (tableau 11). */
export const TURNOVER_EDGES = [0, 500, 1000, 2000] as const;

/** Options of {@link runTypology}. */
export interface TypologyOptions {
  year: number;
  kMin: number;
  kMax: number;
  method: "pam" | "fasterpam";
  seed: number;
  /** Name of the per-account cluster view created on the extract's connection. */
  viewName?: string;
}

/** Everything the typology section reports. */
export interface TypologyRun {
  /** AE of the study year clustered, and those left out by reason. */
  nClustered: number;
  excluded: Record<string, number>;
  /** Objective and average silhouette for each k tried. */
  kRows: KChoiceRow[];
  /** The result at the chosen k, clusters renumbered 0…k-1 by decreasing size. */
  best: KMedoidsResult;
  /** The clustering variables of each medoid (cluster order). */
  medoids: { age: number; sex: string; naf_div: string }[];
  /** Tableau 11. */
  profiles: ClusterProfiles;
  /** Tableaux 12–13: group "all", "0" (no contact) and "1" (contact). */
  indicators: IndicatorRow[];
  /** DuckDB view (account_id, cluster 1…k) on the national connection. */
  view: string;
  /** Whether the first three declared turnovers could be read. */
  hasTurnover: boolean;
  seconds: number;
}

/** SQL of the study year's AE with the clustering and descriptive variables, one row each. */
function typologySql(year: number, hasDeclarations: boolean): string {
  const y = Math.trunc(year);
  // Monthly equivalent of each declared turnover (quarterly periods cover three months), so the
  // bands of tableau 11 (0, ]0;500[ … ≥ 2000 € a month) mean the same for every periodicity.
  const turnover = hasDeclarations
    ? `ca AS (
        SELECT account_id, max(monthly) AS max_ca3 FROM (
          SELECT d.account_id,
            d.declared_turnover / greatest(1, datediff('month', d.period_start, d.period_end) + 1) AS monthly,
            row_number() OVER (PARTITION BY d.account_id ORDER BY d.period_start, d.declaration_date) AS k
          FROM declarations d JOIN units u USING (account_id)
          WHERE u.cohort_year = ${y} AND u.legal_status = 'AE'
            AND d.declaration_date IS NOT NULL AND d.declared_turnover IS NOT NULL)
        WHERE k <= 3 GROUP BY account_id)`
    : "ca AS (SELECT NULL::VARCHAR AS account_id, NULL::DOUBLE AS max_ca3 WHERE false)";
  return `WITH ${turnover},
    ct AS (SELECT DISTINCT c.account_id FROM contact_events c JOIN units u USING (account_id)
      WHERE u.cohort_year = ${y} AND u.legal_status = 'AE' AND c.direction = 'IN'
        AND (u.first_decl_due_date IS NULL OR c.contact_date <= u.first_decl_due_date))
    SELECT CAST(u.age_at_activity_start AS DOUBLE) AS age, u.sex, u.naf_division AS naf_div,
      CAST(ct.account_id IS NOT NULL AS INTEGER) AS contact,
      ${INDICATOR_SQL.declaration} AS first_decl_on_time, ${INDICATOR_SQL.payment} AS first_payment_conforme,
      CAST(ca.max_ca3 AS DOUBLE) AS max_ca3
    FROM units u LEFT JOIN ca USING (account_id) LEFT JOIN ct USING (account_id)
    WHERE u.cohort_year = ${y} AND u.legal_status = 'AE' AND u.age_at_activity_start IS NOT NULL
      AND u.sex IN ('F', 'M') AND u.naf_division IS NOT NULL
    ORDER BY u.account_id`;
}

/** Counts of the study year's AE left out of the clustering, by reason (first reason wins). */
async function exclusions(handle: ExtractHandle, year: number): Promise<Record<string, number>> {
  const [r] = await queryRows(
    handle.connection,
    `SELECT count(*) FILTER (WHERE age_at_activity_start IS NULL) AS age,
      count(*) FILTER (WHERE age_at_activity_start IS NOT NULL AND coalesce(sex NOT IN ('F', 'M'), true)) AS sex,
      count(*) FILTER (WHERE age_at_activity_start IS NOT NULL AND sex IN ('F', 'M') AND naf_division IS NULL) AS naf
    FROM units WHERE cohort_year = ${Math.trunc(year)} AND legal_status = 'AE'`,
  );
  const out: Record<string, number> = {};
  if (r && num(r, "age")) out.MISSING_AGE = num(r, "age");
  if (r && num(r, "sex")) out.MISSING_SEX = num(r, "sex");
  if (r && num(r, "naf")) out.MISSING_NAF_DIVISION = num(r, "naf");
  return out;
}

/** Renumbers clusters by decreasing size (ties: smaller old number first). */
function bySize(best: KMedoidsResult): { map: Int32Array; assignment: Int32Array } {
  const order = best.sizes.map((s, c) => ({ s, c })).sort((a, b) => b.s - a.s || a.c - b.c);
  const map = new Int32Array(best.k);
  order.forEach((o, i) => {
    map[o.c] = i;
  });
  const assignment = new Int32Array(best.assignment.length);
  for (let i = 0; i < assignment.length; i++) assignment[i] = map[best.assignment[i]!]!;
  return { map, assignment };
}

/**
 * Exposes the partition to later sections as a DuckDB view `(account_id, cluster)` with
 * clusters 1…k: the partition is a function of the clustering profile (age, sex, NAF division),
 * so a small profile → cluster table joined to `units` is enough.
 */
async function createClusterView(
  handle: ExtractHandle,
  frame: Frame,
  assignment: Int32Array,
  year: number,
  view: string,
): Promise<void> {
  const age = frame.numeric("age");
  const sex = frame.column("sex");
  const naf = frame.column("naf_div");
  if (sex.kind !== "categorical" || naf.kind !== "categorical") return;
  const seen = new Map<string, number>();
  const values: string[] = [];
  for (let i = 0; i < frame.nRows; i++) {
    const s = sex.levels[sex.codes[i]!]!;
    const d = naf.levels[naf.codes[i]!]!;
    const key = `${age[i]}|${s}|${d}`;
    if (seen.has(key)) continue;
    seen.set(key, assignment[i]!);
    values.push(`(${age[i]}, ${sqlText(s)}, ${sqlText(d)}, ${assignment[i]! + 1})`);
  }
  const table = `${view}_profiles`;
  await handle.connection.run(
    `CREATE OR REPLACE TABLE ${table} (age BIGINT, sex VARCHAR, naf_division VARCHAR, cluster INTEGER)`,
  );
  for (let i = 0; i < values.length; i += 2000) {
    await handle.connection.run(
      `INSERT INTO ${table} VALUES ${values.slice(i, i + 2000).join(", ")}`,
    );
  }
  await handle.connection.run(
    `CREATE OR REPLACE VIEW ${view} AS SELECT u.account_id, p.cluster FROM units u
    JOIN ${table} p ON p.age = u.age_at_activity_start AND p.sex = u.sex AND p.naf_division = u.naf_division
    WHERE u.cohort_year = ${Math.trunc(year)} AND u.legal_status = 'AE'`,
  );
}

/**
 * The study's typology redone on the whole population (annex 9 §63–79): exact k-medoids on the
 * Gower distance of age, sex and NAF division of the study year's AE (weighted distinct
 * profiles), k chosen by the average silhouette over [kMin, kMax], profiles (tableau 11) and
 * indicators by cluster and by inbound contact (tableaux 12–13).
 */
export async function runTypology(handle: ExtractHandle, o: TypologyOptions): Promise<TypologyRun> {
  const t0 = performance.now();
  const hasTurnover = handle.files.has("declarations");
  const frame = await frameFromDuckDB(handle.connection, typologySql(o.year, hasTurnover));
  const excluded = await exclusions(handle, o.year);
  if (frame.nRows === 0) {
    throw new ParcoursError(
      "TYPOLOGY_NO_DATA",
      `no AE registered in ${o.year} with age, sex and NAF division`,
      {
        hint: "check the study year (plan.studyYear) and the extract's accounts",
      },
    );
  }
  const choice = chooseK(frame, {
    vars: TYPOLOGY_VARS,
    kMin: o.kMin,
    kMax: o.kMax,
    method: o.method,
    seed: o.seed,
    profiles: "on",
  });
  const { map, assignment } = bySize(choice.best);
  const medoidRows = new Array<number>(choice.best.k);
  choice.best.medoids.forEach((row, c) => {
    medoidRows[map[c]!] = row;
  });
  const best: KMedoidsResult = {
    ...choice.best,
    medoids: medoidRows,
    sizes: [...choice.best.sizes].sort((a, b) => b - a),
    clusterSilhouettes: choice.best.clusterSilhouettes
      ? medoidRows.map((_, i) => choice.best.clusterSilhouettes![map.indexOf(i)]!)
      : null,
    assignment,
  };
  const profiles = clusterProfiles(frame, {
    cluster: assignment,
    numeric: ["age"],
    categorical: ["sex", "naf_div"],
    top: 5,
    binary: ["contact"],
    bands: hasTurnover ? [{ column: "max_ca3", edges: TURNOVER_EDGES, zeroBand: true }] : [],
  });
  const indicators = indicatorsByCluster(frame, {
    cluster: assignment,
    indicators: ["first_decl_on_time", "first_payment_conforme"],
    by: "contact",
  });
  const view = o.viewName ?? "typology_clusters";
  await createClusterView(handle, frame, assignment, o.year, view);
  const medoids = medoidRows.map((r) => {
    const row = frame.row(r);
    return { age: Number(row.age), sex: String(row.sex), naf_div: String(row.naf_div) };
  });
  return {
    nClustered: frame.nRows,
    excluded,
    kRows: choice.rows,
    best,
    medoids,
    profiles,
    indicators,
    view,
    hasTurnover,
    seconds: (performance.now() - t0) / 1000,
  };
}
