/**
 * Calendar arithmetic on day numbers (days since 1970-01-01, UTC), the date representation of
 * core's Frame. Tables cover 1900-01-01 to 2060-12-31 so the hot loops never build Date objects.
 */

const FIRST_YEAR = 1900;
const LAST_YEAR = 2060;
const EPOCH_OFFSET = Date.UTC(FIRST_YEAR, 0, 1) / 86_400_000;
const SPAN = Date.UTC(LAST_YEAR + 1, 0, 1) / 86_400_000 - EPOCH_OFFSET;

const yearOf = new Int16Array(SPAN);
const monthOf = new Int8Array(SPAN);
const dayOfMonth = new Int8Array(SPAN);
const isoCache: (string | undefined)[] = new Array(SPAN);
{
  let i = 0;
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) {
    for (let m = 1; m <= 12; m++) {
      const len = daysInMonth(y, m);
      for (let d = 1; d <= len; d++) {
        yearOf[i] = y;
        monthOf[i] = m;
        dayOfMonth[i] = d;
        i++;
      }
    }
  }
}

function index(day: number): number {
  const i = day - EPOCH_OFFSET;
  if (i < 0 || i >= SPAN || !Number.isInteger(i)) {
    throw new RangeError(`day number ${day} outside ${FIRST_YEAR}-${LAST_YEAR}`);
  }
  return i;
}

/** Number of days in month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Day number of a calendar date; `m` may overflow (13 = January of the next year). */
export function dayNumber(y: number, m: number, d: number): number {
  const mm = m - 1;
  const yy = y + Math.floor(mm / 12);
  const mo = ((mm % 12) + 12) % 12;
  return Date.UTC(yy, mo, d) / 86_400_000;
}

/** Parses `YYYY-MM-DD` to a day number (no validation beyond the shape). */
export function parseIsoDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${text}`);
  return dayNumber(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Year of a day number. */
export function yearOfDay(day: number): number {
  return yearOf[index(day)]!;
}

/** Month (1–12) of a day number. */
export function monthOfDay(day: number): number {
  return monthOf[index(day)]!;
}

/** Day of month (1–31) of a day number. */
export function dateOfDay(day: number): number {
  return dayOfMonth[index(day)]!;
}

/** `YYYY-MM-DD`, cached per day. */
export function isoDate(day: number): string {
  const i = index(day);
  let s = isoCache[i];
  if (s === undefined) {
    const m = monthOf[i]!;
    const d = dayOfMonth[i]!;
    s = `${yearOf[i]}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
    isoCache[i] = s;
  }
  return s;
}

/** Last day of the month `k` months after the month of `day` (k = 0: its own month). */
export function endOfMonthAfter(day: number, k: number): number {
  const i = index(day);
  return dayNumber(yearOf[i]!, monthOf[i]! + k + 1, 1) - 1;
}

/** First day of the month of `day`. */
export function startOfMonth(day: number): number {
  const i = index(day);
  return dayNumber(yearOf[i]!, monthOf[i]!, 1);
}

/** First day of the calendar quarter of `day`. */
export function startOfQuarter(day: number): number {
  const i = index(day);
  const m = monthOf[i]!;
  return dayNumber(yearOf[i]!, m - ((m - 1) % 3), 1);
}

/**
 * Same date `k` calendar months later, clamped to the month's last day (31 Jan + 1 month =
 * 28/29 Feb), as R's and most SI's month arithmetic.
 */
export function addMonths(day: number, k: number): number {
  const i = index(day);
  const y = yearOf[i]!;
  const m = monthOf[i]! + k;
  const yy = y + Math.floor((m - 1) / 12);
  const mo = ((((m - 1) % 12) + 12) % 12) + 1;
  return dayNumber(yy, mo, Math.min(dayOfMonth[i]!, daysInMonth(yy, mo)));
}

/** Age in completed years at `day` of someone born on `birth`. */
export function completedYears(birth: number, day: number): number {
  const b = index(birth);
  const a = index(day);
  let age = yearOf[a]! - yearOf[b]!;
  if (monthOf[a]! < monthOf[b]! || (monthOf[a] === monthOf[b] && dayOfMonth[a]! < dayOfMonth[b]!)) {
    age--;
  }
  return age;
}

/** Semester (1 or 2) of a day number. */
export function semesterOfDay(day: number): 1 | 2 {
  return monthOf[index(day)]! <= 6 ? 1 : 2;
}
