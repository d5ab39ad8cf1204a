/**
 * The evaluation of the séparation journey with the generic packages: cohorts over DuckDB
 * (@parcours-eval/cohort), matching on the allocataire's profile within CAF × quarter
 * (@parcours-eval/matching), and a staggered difference-in-differences on the CAFs' deployment
 * dates (@parcours-eval/did). No Urssaf code is involved.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { buildCohortFrame, type ExclusionRow } from "@parcours-eval/cohort";
import { Frame } from "@parcours-eval/core";
import { type Estimate, staggeredDid } from "@parcours-eval/did";
import {
  type BalanceRow,
  type MatchedEffect,
  matchedEffect,
  matchUnits,
} from "@parcours-eval/matching";
import { DEPLOYMENT_COHORT, loadSeparationExtract, RDV_COHORT } from "./cohorts.js";

/** The profile the matching balances (the propensity model's right-hand side). */
export const PROFILE_FORMULA = "rdv ~ enfants + nb_enfants + age + rsa_avant + compte_en_ligne";

/** What {@link evaluateSeparation} finds. */
export interface SeparationEvaluation {
  /** The matching cohort: counts and exclusions. */
  cohort: {
    nInput: number;
    nOutput: number;
    nTreated: number;
    nControl: number;
    exclusions: ExclusionRow[];
  };
  /** Matching within CAF × quarter on the profile, then the ATT of a rendez-vous. */
  matching: {
    matchedTreated: number;
    balance: BalanceRow[];
    takeUp: MatchedEffect;
    contacts: MatchedEffect;
    /** Unadjusted difference in take-up, treated − controls. */
    naiveTakeUp: number;
    /** Unadjusted difference in repeated contacts, treated − controls. */
    naiveContacts: number;
  };
  /** Staggered DiD (Callaway & Sant'Anna, not-yet-treated CAFs as controls) on CAF × quarter means. */
  did: {
    takeUp: Estimate;
    contacts: Estimate;
    cafs: number;
    quarters: number;
    pretestP: number | null;
  };
}

function mean(frame: Frame, column: string, treat: number): number {
  const y = frame.numeric(column);
  const t = frame.numeric("rdv");
  let s = 0;
  let n = 0;
  for (let i = 0; i < frame.nRows; i++) {
    if (t[i] === treat) {
      s += y[i]!;
      n++;
    }
  }
  return s / n;
}

/** CAF × quarter means of the outcomes: the panel of the difference-in-differences. */
function cafQuarterPanel(frame: Frame): Frame {
  const caf = frame.column("caf");
  if (caf.kind !== "categorical") throw new Error("caf must be categorical");
  const q = frame.numeric("trimestre");
  const g = frame.numeric("trimestre_deploiement");
  const takeUp = frame.numeric("recours_6m");
  const contacts = frame.numeric("recontacts");
  const cells = new Map<
    string,
    { caf: number; q: number; g: number; n: number; y: number; c: number }
  >();
  for (let i = 0; i < frame.nRows; i++) {
    const key = `${caf.codes[i]}:${q[i]}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { caf: caf.codes[i]!, q: q[i]!, g: g[i]!, n: 0, y: 0, c: 0 };
      cells.set(key, cell);
    }
    cell.n++;
    cell.y += takeUp[i]!;
    cell.c += contacts[i]!;
  }
  const rows = [...cells.values()]
    .sort((a, b) => a.caf - b.caf || a.q - b.q)
    .map((c) => ({
      caf: c.caf,
      trimestre: c.q,
      g: c.g,
      recours: c.y / c.n,
      recontacts: c.c / c.n,
    }));
  return Frame.fromObjects(rows);
}

/** Evaluates the extract written in `dir` (see `writeSeparationExtract`). */
export async function evaluateSeparation(dir: string): Promise<SeparationEvaluation> {
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  try {
    await loadSeparationExtract(connection, dir);
    const rdv = await buildCohortFrame(connection, RDV_COHORT);
    const deployment = await buildCohortFrame(connection, DEPLOYMENT_COHORT);
    const frame = rdv.frame;

    // Nearest-neighbour matching on the propensity score, exactly within CAF and quarter: the
    // CAF's deployment drives who gets a rendez-vous, and CAFs and quarters differ in take-up.
    const match = matchUnits(frame, {
      formula: PROFILE_FORMULA,
      exact: ["caf", "trimestre"],
      caliper: 0.2,
    });
    const takeUp = matchedEffect(frame, match, { outcome: "recours_6m" });
    const contacts = matchedEffect(frame, match, { outcome: "recontacts" });

    const panel = cafQuarterPanel(deployment.frame);
    const base = {
      t: "trimestre",
      id: "caf",
      g: "g",
      estMethod: "reg",
      controlGroup: "notyettreated",
    } as const;
    const didTakeUp = staggeredDid(panel, { ...base, y: "recours" });
    const didContacts = staggeredDid(panel, { ...base, y: "recontacts" });

    return {
      cohort: {
        nInput: rdv.nInput,
        nOutput: rdv.nOutput,
        nTreated: rdv.nTreated!,
        nControl: rdv.nControl!,
        exclusions: rdv.exclusions,
      },
      matching: {
        matchedTreated: match.matchedTreated,
        balance: match.balance,
        takeUp,
        contacts,
        naiveTakeUp: mean(frame, "recours_6m", 1) - mean(frame, "recours_6m", 0),
        naiveContacts: mean(frame, "recontacts", 1) - mean(frame, "recontacts", 0),
      },
      did: {
        takeUp: didTakeUp.aggregate.simple,
        contacts: didContacts.aggregate.simple,
        cafs: new Set(panel.numeric("caf")).size,
        quarters: new Set(panel.numeric("trimestre")).size,
        pretestP: didTakeUp.pretest?.pValue ?? null,
      },
    };
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}
