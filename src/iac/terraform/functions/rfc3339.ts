// RFC 3339 timestamps and Go durations as Terraform's time functions read and write them
// (Go's time.Parse(time.RFC3339, ...), Time.Format(time.RFC3339) and time.ParseDuration).

/** An instant plus the UTC offset it was written with (Go keeps the offset for formatting). */
export interface Timestamp {
  /** Seconds since 1970-01-01T00:00:00Z. */
  seconds: number;
  /** 0..999999999 */
  nanoseconds: number;
  offsetSeconds: number;
}

/** The calendar fields of a timestamp in its own offset. */
export interface CivilTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday */
  weekday: number;
}

/** A timestamp that does not parse; the message is Terraform's wording. */
export class TimestampError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimestampError';
  }
}

const ELEMENT_NAMES: Record<string, string> = {
  '2006': 'year',
  '01': 'month',
  '02': 'day of month',
  '15': 'hour',
  '04': 'minute',
  '05': 'second',
  'Z07:00': 'UTC offset',
};

/** Parses an RFC 3339 timestamp with Go's rules (fractional seconds allowed, `Z` or ±hh:mm offset). */
export function parseTimestamp(text: string): Timestamp {
  let rest = text;
  const bad = (layoutElement: string, valueElement: string): never => {
    throw new TimestampError(describeParseError(layoutElement, valueElement));
  };
  const literal = (expected: string): void => {
    if (!rest.startsWith(expected)) bad(expected, rest);
    rest = rest.slice(expected.length);
  };
  const twoDigits = (element: string, maximum: number, minimum = 0): number => {
    const hold = rest;
    if (!/^[0-9]{2}/.test(rest)) bad(element, hold);
    const value = Number(rest.slice(0, 2));
    rest = rest.slice(2);
    if (value < minimum || value > maximum) {
      throw new TimestampError(describeParseError(element, rest));
    }
    return value;
  };
  const yearHold = rest;
  if (!/^[0-9]{4}/.test(rest)) bad('2006', yearHold);
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  literal('-');
  const month = twoDigits('01', 12, 1);
  literal('-');
  const day = twoDigits('02', 31);
  literal('T');
  const hour = twoDigits('15', 23);
  literal(':');
  const minute = twoDigits('04', 59);
  literal(':');
  const second = twoDigits('05', 59);
  let nanoseconds = 0;
  const fraction = /^[.,]([0-9]+)/.exec(rest);
  if (fraction) {
    nanoseconds = Number((fraction[1] as string).slice(0, 9).padEnd(9, '0'));
    rest = rest.slice(fraction[0].length);
  }
  let offsetSeconds = 0;
  const zoneHold = rest;
  if (rest.startsWith('Z')) {
    rest = rest.slice(1);
  } else {
    const zone = /^([+-])([0-9]{2}):([0-9]{2})/.exec(rest);
    if (!zone) return bad('Z07:00', zoneHold);
    const hours = Number(zone[2]);
    const minutes = Number(zone[3]);
    if (hours > 23 || minutes > 59) bad('Z07:00', zoneHold);
    offsetSeconds = (zone[1] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
    rest = rest.slice(6);
  }
  if (rest !== '') bad('', rest);
  if (day < 1 || day > daysInMonth(year, month))
    throw new TimestampError('not a valid RFC3339 timestamp: day out of range');
  const localSeconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  return { seconds: localSeconds - offsetSeconds, nanoseconds, offsetSeconds };
}

/** Time.Format(time.RFC3339): fractional seconds dropped, `Z` for a zero offset. */
export function formatTimestamp(timestamp: Timestamp): string {
  const civil = civilTime(timestamp);
  const two = (value: number): string => String(value).padStart(2, '0');
  const year =
    civil.year < 0 ? `-${String(-civil.year).padStart(4, '0')}` : String(civil.year).padStart(4, '0');
  const date = `${year}-${two(civil.month)}-${two(civil.day)}T${two(civil.hour)}:${two(civil.minute)}:${two(civil.second)}`;
  return date + formatOffset(timestamp.offsetSeconds, true, 'Z');
}

/** A UTC offset as ±hh:mm (colon) or ±hhmm, or `zero` when the offset is 0 and `zero` is given. */
export function formatOffset(offsetSeconds: number, colon: boolean, zero?: string): string {
  if (offsetSeconds === 0 && zero !== undefined) return zero;
  const sign = offsetSeconds < 0 ? '-' : '+';
  const minutes = Math.floor(Math.abs(offsetSeconds) / 60);
  const hours = String(Math.floor(minutes / 60)).padStart(2, '0');
  const rest = String(minutes % 60).padStart(2, '0');
  return colon ? `${sign}${hours}:${rest}` : `${sign}${hours}${rest}`;
}

/** The calendar fields of a timestamp in the offset it was written with. */
export function civilTime(timestamp: Timestamp): CivilTime {
  const local = timestamp.seconds + timestamp.offsetSeconds;
  const days = Math.floor(local / 86400);
  const secondOfDay = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor((secondOfDay % 3600) / 60),
    second: secondOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

/** Adds a number of nanoseconds, keeping the offset. */
export function addNanoseconds(timestamp: Timestamp, nanoseconds: bigint): Timestamp {
  const total = BigInt(timestamp.seconds) * 1_000_000_000n + BigInt(timestamp.nanoseconds) + nanoseconds;
  let seconds = total / 1_000_000_000n;
  let remainder = total % 1_000_000_000n;
  if (remainder < 0n) {
    remainder += 1_000_000_000n;
    seconds -= 1n;
  }
  return { seconds: Number(seconds), nanoseconds: Number(remainder), offsetSeconds: timestamp.offsetSeconds };
}

/** Compares two instants: -1, 0 or 1. */
export function compareTimestamps(left: Timestamp, right: Timestamp): number {
  if (left.seconds !== right.seconds) return left.seconds < right.seconds ? -1 : 1;
  if (left.nanoseconds !== right.nanoseconds) return left.nanoseconds < right.nanoseconds ? -1 : 1;
  return 0;
}

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_DURATION = 9_223_372_036_854_775_807n;

/** Go's time.ParseDuration, in nanoseconds; throws with Go's message. */
export function parseDuration(text: string): bigint {
  const quoted = JSON.stringify(text);
  const invalid = (): never => {
    throw new Error(`time: invalid duration ${quoted}`);
  };
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') invalid();
  let total = 0n;
  while (rest !== '') {
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest) as RegExpExecArray;
    const whole = number[1] ?? '';
    const fraction = number[2];
    if (whole === '' && (fraction === undefined || fraction === '')) invalid();
    rest = rest.slice(number[0].length);
    const unitMatch = /^[^0-9.]*/.exec(rest) as RegExpExecArray;
    const unitText = unitMatch[0];
    if (unitText === '') throw new Error(`time: missing unit in duration ${quoted}`);
    const unit = DURATION_UNITS[unitText];
    if (unit === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(unitText)} in duration ${quoted}`);
    rest = rest.slice(unitText.length);
    let value = BigInt(whole === '' ? '0' : whole) * unit;
    if (fraction) value += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    total += value;
    if (total > MAX_DURATION + (negative ? 1n : 0n)) invalid();
  }
  return negative ? -total : total;
}

function describeParseError(layoutElement: string, valueElement: string): string {
  const prefix = 'not a valid RFC3339 timestamp';
  if (layoutElement === 'T') return `${prefix}: missing required time introducer 'T'`;
  if (layoutElement === ':' || layoutElement === '-') {
    return valueElement === ''
      ? `${prefix}: end of string where ${JSON.stringify(layoutElement)} is expected`
      : `${prefix}: found ${JSON.stringify(valueElement)} where ${JSON.stringify(layoutElement)} is expected`;
  }
  const what = ELEMENT_NAMES[layoutElement] ?? 'timestamp segment';
  return valueElement === ''
    ? `${prefix}: end of string before ${what}`
    : `${prefix}: cannot use ${JSON.stringify(valueElement)} as ${what}`;
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthPrime = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthPrime + 2) / 5) + 1;
  const month = monthPrime + (monthPrime < 10 ? 3 : -9);
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
