import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNKNOWN, type Value } from '../eval/value.js';
import type { FunctionContext } from './define-function.js';
import { callFunction } from './registry.js';

const context: FunctionContext = {
  readFile: () => undefined,
  listFiles: () => undefined,
  renderTemplate: () => null,
};
const call = (name: string, ...args: Value[]): Value => callFunction(name, args, context);

describe('time functions (documentation examples)', () => {
  it.each([
    ['formatdate', ['DD MMM YYYY hh:mm ZZZ', '2018-01-02T23:12:01Z'], '02 Jan 2018 23:12 UTC'],
    [
      'formatdate',
      ['EEEE, DD-MMM-YY hh:mm:ss ZZZ', '2018-01-02T23:12:01Z'],
      'Tuesday, 02-Jan-18 23:12:01 UTC',
    ],
    [
      'formatdate',
      ['EEE, DD MMM YYYY hh:mm:ss ZZZ', '2018-01-02T23:12:01-08:00'],
      'Tue, 02 Jan 2018 23:12:01 -0800',
    ],
    ['formatdate', ['MMM DD, YYYY', '2018-01-02T23:12:01Z'], 'Jan 02, 2018'],
    ['formatdate', ['HH:mmaa', '2018-01-02T23:12:01Z'], '11:12pm'],
    ['formatdate', ["h 'o''clock' Z ZZZZZ", '2018-01-02T03:04:05+05:30'], "3 o'clock +05:30 +05:30"],
    ['formatdate', ['YYYY-MM-DD', '2018-01-02T23:12:01.123456Z'], '2018-01-02'],
    ['timeadd', ['2017-11-22T00:00:00Z', '10m'], '2017-11-22T00:10:00Z'],
    ['timeadd', ['2017-11-22T00:00:00+02:00', '-1h30m'], '2017-11-21T22:30:00+02:00'],
    ['timeadd', ['2020-02-28T23:59:59.9Z', '1.5s'], '2020-02-29T00:00:01Z'],
    ['timeadd', ['2017-11-22T00:00:00+00:00', '1µs'], '2017-11-22T00:00:00Z'],
    ['timecmp', ['2017-11-22T00:00:00Z', '2017-11-22T00:00:00Z'], 0],
    ['timecmp', ['2017-11-22T00:00:00Z', '2017-11-22T01:00:00Z'], -1],
    ['timecmp', ['2017-11-22T01:00:00Z', '2017-11-22T00:00:00Z'], 1],
    ['timecmp', ['2017-11-22T01:00:00Z', '2017-11-22T00:00:00-01:00'], 0],
  ] as [string, Value[], Value][])('%s(%j) = %j', (name, args, expected) => {
    expect(call(name, ...args)).toBe(expected);
  });

  it('leaves clock readings unknown', () => {
    expect(call('timestamp')).toBe(UNKNOWN);
    expect(call('plantimestamp')).toBe(UNKNOWN);
    expect(call('timeadd', UNKNOWN, '1h')).toBe(UNKNOWN);
  });

  it.each([
    [['timeadd', '2017-11-22', '1h'], "not a valid RFC3339 timestamp: missing required time introducer 'T'"],
    [
      ['timeadd', '17-11-22T00:00:00Z', '1h'],
      'not a valid RFC3339 timestamp: cannot use "17-11-22T00:00:00Z" as year',
    ],
    [['timeadd', '2017-02-30T00:00:00Z', '1h'], 'not a valid RFC3339 timestamp: day out of range'],
    [['timeadd', '2017-11-22T00:00:00Zjunk', '1h'], 'cannot use "junk" as timestamp segment'],
    [['timeadd', '2017-11-22T00:00:00Z', '1d'], 'time: unknown unit "d" in duration "1d"'],
    [['timeadd', '2017-11-22T00:00:00Z', '10'], 'time: missing unit in duration "10"'],
    [['timecmp', 'x', '2017-11-22T00:00:00Z'], 'Invalid value for "timestamp_a" parameter'],
    [
      ['formatdate', 'YYY', '2017-11-22T00:00:00Z'],
      'invalid date format verb "YYY": year must either be "YY" or "YYYY"',
    ],
    [['formatdate', "'open", '2017-11-22T00:00:00Z'], "unterminated literal '"],
    [['formatdate', 'q', '2017-11-22T00:00:00Z'], 'invalid date format verb "q"'],
  ] as [Value[], string][])('%j fails', ([name, ...args], message) => {
    expect(() => call(name as string, ...args)).toThrow(message);
  });

  it('timeadd agrees with Date arithmetic and timecmp orders the results', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }),
        fc.integer({ min: -100_000_000, max: 100_000_000 }),
        (start, seconds) => {
          const from = new Date(start - (start % 1000)).toISOString().replace('.000Z', 'Z');
          const expected = new Date(Date.parse(from) + seconds * 1000).toISOString().replace('.000Z', 'Z');
          const result = call('timeadd', from, `${seconds}s`);
          expect(result).toBe(expected);
          expect(call('timecmp', result, from)).toBe(Math.sign(seconds));
          expect(call('formatdate', "YYYY-MM-DD'T'hh:mm:ssZ", result)).toBe(expected);
        },
      ),
    );
  });
});
