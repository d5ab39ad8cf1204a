/** Easter Sunday (Gregorian; Meeus/Jones/Butcher algorithm) as a UTC day number. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/** French public holidays of a year (national list, no Alsace-Moselle days), as day numbers. */
export function frenchHolidays(year: number): Set<number> {
  const d = (m: number, day: number): number => Date.UTC(year, m - 1, day) / 86_400_000;
  const e = easter(year);
  return new Set([
    d(1, 1),
    e + 1,
    d(5, 1),
    d(5, 8),
    e + 39,
    e + 50,
    d(7, 14),
    d(8, 15),
    d(11, 1),
    d(11, 11),
    d(12, 25),
  ]);
}

/** The next working day on or after `day` (skipping weekends and French public holidays). */
export function nextWorkingDay(day: number): number {
  let x = day;
  for (;;) {
    const date = new Date(x * 86_400_000);
    const dow = date.getUTCDay();
    if (dow !== 0 && dow !== 6 && !frenchHolidays(date.getUTCFullYear()).has(x)) return x;
    x++;
  }
}

/** `(d, shifted)` for every month end from `fromYear` to `toYear` (due dates are month ends). */
export function monthEndShifts(fromYear: number, toYear: number): [number, number][] {
  const out: [number, number][] = [];
  for (let y = fromYear; y <= toYear; y++)
    for (let m = 1; m <= 12; m++) {
      const end = Date.UTC(y, m, 0) / 86_400_000;
      out.push([end, nextWorkingDay(end)]);
    }
  return out;
}
