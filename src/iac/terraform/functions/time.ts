// Date and time built-ins: formatdate timeadd timecmp, plus timestamp() and plantimestamp(), which are
// unknown to a static planner (Terraform only knows them while it runs).

import { UNKNOWN } from '../eval/value.js';
import { defineFunction, type TerraformFunction } from './define-function.js';
import { argumentProblem, callProblem } from './function-call-error.js';
import {
  addNanoseconds,
  civilTime,
  compareTimestamps,
  formatOffset,
  formatTimestamp,
  parseDuration,
  parseTimestamp,
  type Timestamp,
  TimestampError,
} from './rfc3339.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function parseOrBlame(text: string, argumentIndex: number | undefined): Timestamp {
  try {
    return parseTimestamp(text);
  } catch (error) {
    if (error instanceof TimestampError) {
      throw argumentIndex === undefined
        ? callProblem(error.message)
        : argumentProblem(argumentIndex, error.message);
    }
    throw error;
  }
}

/** cty's formatdate: letter runs are verbs, single quotes quote literals, '' is a quote. */
export function formatDate(format: string, timestamp: Timestamp): string {
  const civil = civilTime(timestamp);
  const two = (value: number): string => String(value).padStart(2, '0');
  const tokens = format.match(/'(?:[^']|'')*'?|''|([A-Za-z])\1*|[^A-Za-z']+/g) ?? [];
  let out = '';
  for (const token of tokens) {
    if (token.startsWith("'")) {
      if (token.length === 1 || !token.endsWith("'")) throw argumentProblem(0, "unterminated literal '");
      out += token.length === 2 ? "'" : token.slice(1, -1).replaceAll("''", "'");
      continue;
    }
    if (!/^[A-Za-z]/.test(token)) {
      out += token;
      continue;
    }
    const invalid = (detail: string): never => {
      throw argumentProblem(
        0,
        `invalid date format verb ${JSON.stringify(token)}${detail ? `: ${detail}` : ''}`,
      );
    };
    const letter = token[0];
    const length = token.length;
    const hour12 = civil.hour % 12 === 0 ? 12 : civil.hour % 12;
    switch (letter) {
      case 'Y':
        if (length === 2) out += two(((civil.year % 100) + 100) % 100);
        else if (length === 4) out += String(civil.year).padStart(4, '0');
        else invalid('year must either be "YY" or "YYYY"');
        break;
      case 'M':
        if (length === 1) out += String(civil.month);
        else if (length === 2) out += two(civil.month);
        else if (length === 3) out += (MONTHS[civil.month - 1] as string).slice(0, 3);
        else if (length === 4) out += MONTHS[civil.month - 1];
        else invalid('month must be "M", "MM", "MMM", or "MMMM"');
        break;
      case 'D':
        if (length === 1) out += String(civil.day);
        else if (length === 2) out += two(civil.day);
        else invalid('day of month must either be "D" or "DD"');
        break;
      case 'E':
        if (length === 3) out += (WEEKDAYS[civil.weekday] as string).slice(0, 3);
        else if (length === 4) out += WEEKDAYS[civil.weekday];
        else invalid('day of week must either be "EEE" or "EEEE"');
        break;
      case 'h':
        if (length === 1) out += String(civil.hour);
        else if (length === 2) out += two(civil.hour);
        else invalid('24-hour must either be "h" or "hh"');
        break;
      case 'H':
        if (length === 1) out += String(hour12);
        else if (length === 2) out += two(hour12);
        else invalid('12-hour must either be "H" or "HH"');
        break;
      case 'A':
      case 'a':
        if (length !== 2) invalid(`must be "${letter}${letter}"`);
        out += civil.hour < 12 ? (letter === 'A' ? 'AM' : 'am') : letter === 'A' ? 'PM' : 'pm';
        break;
      case 'm':
        if (length === 1) out += String(civil.minute);
        else if (length === 2) out += two(civil.minute);
        else invalid('minute must either be "m" or "mm"');
        break;
      case 's':
        if (length === 1) out += String(civil.second);
        else if (length === 2) out += two(civil.second);
        else invalid('second must either be "s" or "ss"');
        break;
      case 'Z':
        if (length === 1) out += formatOffset(timestamp.offsetSeconds, true, 'Z');
        else if (length === 3)
          out += timestamp.offsetSeconds === 0 ? 'UTC' : formatOffset(timestamp.offsetSeconds, false);
        else if (length === 4) out += formatOffset(timestamp.offsetSeconds, false);
        else if (length === 5) out += formatOffset(timestamp.offsetSeconds, true);
        else invalid('timezone must be Z, ZZZZ, or ZZZZZ');
        break;
      default:
        invalid('');
    }
  }
  return out;
}

/** The date and time built-ins. */
export const TIME_FUNCTIONS: TerraformFunction[] = [
  defineFunction({
    name: 'formatdate',
    parameters: [
      { name: 'format', type: 'string' },
      { name: 'time', type: 'string' },
    ],
    implementation: ([format, time]) => formatDate(format as string, parseOrBlame(time as string, 1)),
  }),
  defineFunction({
    name: 'timeadd',
    parameters: [
      { name: 'timestamp', type: 'string' },
      { name: 'duration', type: 'string' },
    ],
    implementation: ([time, duration]) => {
      const timestamp = parseOrBlame(time as string, undefined);
      let nanoseconds: bigint;
      try {
        nanoseconds = parseDuration(duration as string);
      } catch (error) {
        throw callProblem((error as Error).message);
      }
      return formatTimestamp(addNanoseconds(timestamp, nanoseconds));
    },
  }),
  defineFunction({
    name: 'timecmp',
    parameters: [
      { name: 'timestamp_a', type: 'string' },
      { name: 'timestamp_b', type: 'string' },
    ],
    implementation: ([left, right]) =>
      compareTimestamps(parseOrBlame(left as string, 0), parseOrBlame(right as string, 1)),
  }),
  defineFunction({ name: 'timestamp', parameters: [], implementation: () => UNKNOWN }),
  defineFunction({ name: 'plantimestamp', parameters: [], implementation: () => UNKNOWN }),
];
