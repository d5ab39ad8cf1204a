import { simulateNational, simulateRegional } from "@parcours-eval/simulate";

const n = Number(process.argv[2] ?? 50000);
const t0 = performance.now();
const r = await simulateNational({
  out: "/tmp/simtry/national",
  accounts: n,
  seed: 7,
  overwrite: true,
});
console.log(
  "national",
  ((performance.now() - t0) / 1000).toFixed(2),
  "s",
  JSON.stringify(r.truth.counts),
);
const t1 = performance.now();
const g = await simulateRegional({
  out: "/tmp/simtry/regional",
  accounts: Math.round(n / 3),
  seed: 7,
  overwrite: true,
});
console.log(
  "regional",
  ((performance.now() - t1) / 1000).toFixed(2),
  "s",
  JSON.stringify(g.truth.counts.rows),
);
console.log(JSON.stringify(r.truth.parameters.intercepts));
for (const [k, a] of Object.entries(r.truth.analyses))
  console.log(
    k,
    a.nTreated,
    a.nControl,
    a.att?.toFixed(4),
    a.naiveDifference?.toFixed(4),
    a.meanTreated?.toFixed(3),
    a.meanControl?.toFixed(3),
  );
for (const [k, a] of Object.entries(g.truth.analyses))
  if (!k.includes("GESTION_INTERNE") && !k.includes("RECOUV") && !k.includes("HORS"))
    console.log(
      k,
      a.nTreated,
      a.nControl,
      a.att?.toFixed(4),
      a.naiveDifference?.toFixed(4),
      a.meanTreated?.toFixed(3),
      a.meanControl?.toFixed(3),
    );
