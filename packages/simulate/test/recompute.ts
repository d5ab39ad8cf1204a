import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  age,
  byAccount,
  cents,
  plusDays,
  plusMonths,
  readCsv,
  theoreticalFirst,
} from "./helpers.js";

/** Outcomes of one account recomputed from the written files alone (contract + domain rules). */
export interface Recomputed {
  id: string;
  account: Record<string, string>;
  ae: boolean;
  firstDue: string;
  censored: boolean;
  followed: boolean;
  firstDeclaration: "ON_TIME" | "LATE" | "NOT_FILED" | null;
  paymentStatus: "CONFORME" | "DEBITEUR" | "CREDITEUR" | "NO_DUE" | "CENSORED";
  acre: boolean;
  under26: boolean;
  taxationsOffice: number;
  laterContacts: number;
  /** N1 rule (AE): phone/RDV inbound ≥ registration, before the first declaration and its due date; non-filers within 6 months. */
  treatedDeclaration: boolean;
  /** N2 rule: before the first payment and the échéance's due date; non-payers within 6 months. */
  treatedPayment: boolean;
  /** N3 rule: within 45 days of the activity start (and of the registration). */
  treatedAcre: boolean;
  /** R2 rule (LR): outbound phone before the first declaration and its due date; non-filers within 6 months. */
  calledDeclaration: boolean;
  /** Categories of those outbound calls. */
  calledCategories: Set<string>;
  /** R4 rule (LR): outbound phone within 9 months of the start. */
  calledAcre: boolean;
  /** Age at registration. */
  ageAtRegistration: number;
}

const TREATING = new Set(["PHONE", "APPOINTMENT"]);

/** Recomputes every account's outcomes and treatments from a dataset folder, independently of the generator. */
export function recompute(dir: string): {
  manifest: Record<string, unknown>;
  rows: Recomputed[];
  contacts: Record<string, string>[];
} {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const extract = manifest.extract_date as string;
  const national = manifest.scope === "national";
  const accounts = readCsv(join(dir, "accounts.csv"));
  const decl = byAccount(readCsv(join(dir, "declarations.csv")));
  const contactRows = readCsv(join(dir, "contacts.csv"));
  const contacts = byAccount(contactRows);
  const entries = national ? byAccount(readCsv(join(dir, "accounting_entries.csv"))) : new Map();
  const tos = national ? byAccount(readCsv(join(dir, "taxations_office.csv"))) : new Map();
  const rows: Recomputed[] = [];
  for (const a of accounts) {
    const id = a.account_id!;
    const ae = a.legal_status === "AE";
    const start = a.activity_start_date!;
    const reg = a.registration_date!;
    const theo = ae
      ? theoreticalFirst(start, a.declaration_periodicity!)
      : { end: plusMonths(start, 3), due: "" };
    const firstDue = ae ? theo.due : theoreticalFirst(start, "M").due;
    const censored = plusDays(firstDue, 15) > extract;
    const windowEnd = plusMonths(start, 12);
    const followed = windowEnd <= extract;
    // First declaration: the period containing the start or ending at the theoretical end, else the earliest.
    const ds = decl.get(id) ?? [];
    let first: Record<string, string> | undefined;
    for (const r of ds) {
      if (r.period_start === start || r.period_end === theo.end) {
        if (!first || r.declaration_date! < first.declaration_date!) first = r;
      }
    }
    if (!first && ds.length)
      first = [...ds].sort((x, y) => (x.period_start! < y.period_start! ? -1 : 1))[0];
    const onTime =
      first !== undefined && first.declaration_date! <= first.due_date! && first.late_flag === "0";
    const firstDeclaration = !ae ? null : !first ? "NOT_FILED" : onTime ? "ON_TIME" : "LATE";
    // First payment.
    let paymentStatus: Recomputed["paymentStatus"] = "NO_DUE";
    let firstPayment: string | undefined;
    let echeanceDue = firstDue;
    if (censored) paymentStatus = "CENSORED";
    else if (national) {
      const es = entries.get(id) ?? [];
      let expected = 0;
      let pStart = start;
      let pEnd = theo.end;
      if (ae) {
        if (first && cents(first.computed_contribution!) > 0) {
          expected = cents(first.computed_contribution!);
          pStart = first.period_start!;
          pEnd = first.period_end!;
          echeanceDue = first.due_date!;
        } else {
          const dc = es.find(
            (e: Record<string, string>) => e.operation_code === "DC" && e.period_start === start,
          );
          if (dc) {
            expected = cents(dc.amount!);
            echeanceDue = dc.due_date!;
          }
        }
      } else {
        const dcs = es
          .filter((e: Record<string, string>) => e.operation_code === "DC")
          .sort((x: Record<string, string>, y: Record<string, string>) =>
            x.due_date! < y.due_date! ? -1 : 1,
          );
        if (dcs[0]) {
          expected = cents(dcs[0].amount!);
          pStart = dcs[0].period_start!;
          pEnd = dcs[0].period_end!;
          echeanceDue = dcs[0].due_date!;
        }
      }
      if (expected > 0) {
        const mine = es.filter(
          (e: Record<string, string>) => e.period_start === pStart && e.period_end === pEnd,
        );
        const recovery = mine.some(
          (e: Record<string, string>) => e.operation_code === "MER" || e.operation_code === "CRT",
        );
        const payments = mine.filter((e: Record<string, string>) => e.operation_code === "CAF");
        firstPayment = payments.map((e: Record<string, string>) => e.payment_date!).sort()[0];
        const paid = payments
          .filter((e: Record<string, string>) => e.payment_date! <= echeanceDue)
          .reduce((s: number, e: Record<string, string>) => s + cents(e.amount!), 0);
        paymentStatus = recovery
          ? "DEBITEUR"
          : paid === expected
            ? "CONFORME"
            : paid > expected
              ? "CREDITEUR"
              : "DEBITEUR";
      }
    }
    const cs = contacts.get(id) ?? [];
    const inbound = cs.filter((c) => c.direction === "IN");
    const treating = inbound.filter((c) => TREATING.has(c.channel!) && c.contact_date! >= reg);
    const sixMonths = plusMonths(start, 6);
    const treatedDeclaration = first
      ? treating.some(
          (c) => c.contact_date! < first!.declaration_date! && c.contact_date! <= first!.due_date!,
        )
      : treating.some((c) => c.contact_date! <= sixMonths);
    const treatedPayment = firstPayment
      ? treating.some((c) => c.contact_date! < firstPayment! && c.contact_date! <= echeanceDue)
      : treating.some((c) => c.contact_date! <= sixMonths);
    const treatedAcre = treating.some(
      (c) => c.contact_date! <= plusDays(start, 45) && c.contact_date! <= plusDays(reg, 45),
    );
    const calls = cs.filter((c) => c.direction === "OUT" && c.channel === "PHONE");
    const callOk = (c: Record<string, string>) =>
      first
        ? c.contact_date! < first.declaration_date! && c.contact_date! <= first.due_date!
        : c.contact_date! <= sixMonths;
    const qualifying = calls.filter(callOk);
    rows.push({
      id,
      account: a,
      ae,
      firstDue,
      censored,
      followed,
      firstDeclaration,
      paymentStatus,
      acre: a.acre_start_date !== "",
      under26: age(a.birth_date!, start) <= 25,
      taxationsOffice: (tos.get(id) ?? []).filter(
        (t: Record<string, string>) => t.notification_date! <= windowEnd,
      ).length,
      laterContacts: inbound.filter(
        (c) => c.contact_date! > firstDue && c.contact_date! <= windowEnd,
      ).length,
      treatedDeclaration,
      treatedPayment,
      treatedAcre,
      calledDeclaration: qualifying.length > 0,
      calledCategories: new Set(qualifying.map((c) => c.motive_category!)),
      calledAcre: calls.some((c) => c.contact_date! <= plusMonths(start, 9)),
      ageAtRegistration: age(a.birth_date!, reg),
    });
  }
  return { manifest, rows, contacts: contactRows };
}
