import { simulateNational } from "../src/index.js";

const t0 = performance.now();
await simulateNational({
  out: "/tmp/simtry/n23",
  accounts: 50000,
  seed: 2023,
  registrationFrom: "2023-01-01",
  registrationTo: "2023-12-31",
  overwrite: true,
});
console.log(((performance.now() - t0) / 1000).toFixed(2));
