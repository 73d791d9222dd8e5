// Go's big.Float / big.Int text formatting (strconv-style %e %f %g, padding flags), which cty uses for
// numbers in format(), jsonencode() and yamlencode(). Terraform numbers are 512-bit binary floats parsed
// from decimal text; a JS number is taken to stand for its shortest decimal, and exact decimal ties are
// broken the way the 512-bit value would break them.

/** A non-negative decimal: value = 0.digits × 10^exponent; digits has no leading or trailing zeros ("" = 0). */
export interface Decimal {
  digits: string;
  exponent: number;
}

/** Width, precision and flags of a printf verb. */
export interface VerbOptions {
  width?: number;
  precision?: number;
  plus?: boolean;
  minus?: boolean;
  space?: boolean;
  zero?: boolean;
  sharp?: boolean;
}

/** The shortest decimal that round-trips to |value| (value must be finite). */
export function shortestDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', exponent: 0 };
  const [mantissa = '', exponentText = '0'] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  return { digits, exponent: Number(exponentText) + 1 };
}

/** Go's big.Float.Text(format, precision) for a JS number; precision -1 means shortest. */
export function goFloatText(value: number, format: 'e' | 'E' | 'f' | 'g' | 'G', precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  const sign = value < 0 ? '-' : '';
  let decimal = shortestDecimal(value);
  let prec = precision;
  const shortest = prec < 0;
  if (shortest) {
    if (format === 'e' || format === 'E') prec = decimal.digits.length - 1;
    else if (format === 'f') prec = Math.max(decimal.digits.length - decimal.exponent, 0);
    else prec = decimal.digits.length;
  } else if (format === 'e' || format === 'E') {
    decimal = roundDecimal(decimal, 1 + prec);
  } else if (format === 'f') {
    decimal = roundDecimal(decimal, decimal.exponent + prec);
  } else {
    if (prec === 0) prec = 1;
    decimal = roundDecimal(decimal, prec);
  }
  if (format === 'e' || format === 'E') return sign + formatExponent(format, prec, decimal);
  if (format === 'f') return sign + formatFixed(prec, decimal);
  let exponentPrecision = prec;
  if (exponentPrecision > decimal.digits.length && decimal.digits.length >= decimal.exponent) {
    exponentPrecision = decimal.digits.length;
  }
  if (shortest) exponentPrecision = 6;
  const exponent = decimal.exponent - 1;
  if (exponent < -4 || exponent >= exponentPrecision) {
    if (prec > decimal.digits.length) prec = decimal.digits.length;
    return sign + formatExponent(format === 'g' ? 'e' : 'E', prec - 1, decimal);
  }
  if (prec > decimal.exponent) prec = decimal.digits.length;
  return sign + formatFixed(Math.max(prec - decimal.exponent, 0), decimal);
}

/** cty's canonical number text: big.Float.Text('f', -1), never an exponent. */
export function decimalText(value: number): string {
  return goFloatText(value, 'f', -1);
}

/** fmt.Sprintf("%<flags><width>.<prec><verb>", *big.Float) for verbs e E f g G. */
export function formatFloatVerb(
  value: number,
  verb: 'e' | 'E' | 'f' | 'g' | 'G',
  options: VerbOptions,
): string {
  const defaultPrecision = verb === 'g' || verb === 'G' ? -1 : 6;
  let text = goFloatText(value, verb, options.precision ?? defaultPrecision);
  let sign = '';
  if (text.startsWith('-')) {
    sign = '-';
    text = text.slice(1);
  } else if (text.startsWith('+')) {
    sign = options.space ? ' ' : '+';
    text = text.slice(1);
  } else if (options.plus) {
    sign = '+';
  } else if (options.space) {
    sign = ' ';
  }
  const padding = Math.max((options.width ?? 0) - sign.length - text.length, 0);
  if (options.zero && Number.isFinite(value)) return sign + '0'.repeat(padding) + text;
  if (options.minus) return sign + text + ' '.repeat(padding);
  return ' '.repeat(padding) + sign + text;
}

/** fmt.Sprintf("%<flags><width>.<prec><verb>", *big.Int) for verbs b d o x X. */
export function formatIntegerVerb(
  value: bigint,
  verb: 'b' | 'd' | 'o' | 'x' | 'X',
  options: VerbOptions,
): string {
  const base = verb === 'b' ? 2 : verb === 'o' ? 8 : verb === 'd' ? 10 : 16;
  const negative = value < 0n;
  let digits = (negative ? -value : value).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  const sign = negative ? '-' : options.plus ? '+' : options.space ? ' ' : '';
  let prefix = '';
  if (options.sharp) {
    prefix = verb === 'b' ? '0b' : verb === 'o' ? '0' : verb === 'x' ? '0x' : verb === 'X' ? '0X' : '';
  }
  let zeros = 0;
  if (options.precision !== undefined) {
    if (digits.length < options.precision) zeros = options.precision - digits.length;
    else if (digits === '0' && options.precision === 0) return '';
  }
  let left = 0;
  let right = 0;
  const length = sign.length + prefix.length + zeros + digits.length;
  if (options.width !== undefined && length < options.width) {
    const extra = options.width - length;
    if (options.minus) right = extra;
    else if (options.zero && options.precision === undefined) zeros = extra;
    else left = extra;
  }
  return ' '.repeat(left) + sign + prefix + '0'.repeat(zeros) + digits + ' '.repeat(right);
}

/** Rounds to n significant digits as Go's decimal.round does (half-even on exact ties, 512-bit aware). */
export function roundDecimal(decimal: Decimal, n: number): Decimal {
  const { digits } = decimal;
  if (n < 0 || n >= digits.length) return decimal;
  let up: boolean;
  if (digits[n] === '5' && n + 1 === digits.length) {
    const bias = binaryRoundingBias(decimal);
    up = bias > 0 || (bias === 0 && n > 0 && (digits.charCodeAt(n - 1) - 48) % 2 === 1);
  } else {
    up = (digits[n] as string) >= '5';
  }
  if (!up) {
    const kept = digits.slice(0, n).replace(/0+$/, '');
    return kept === '' ? { digits: '', exponent: 0 } : { digits: kept, exponent: decimal.exponent };
  }
  let end = n;
  while (end > 0 && digits[end - 1] === '9') end--;
  if (end === 0) return { digits: '1', exponent: decimal.exponent + 1 };
  return {
    digits: digits.slice(0, end - 1) + String.fromCharCode(digits.charCodeAt(end - 1) + 1),
    exponent: decimal.exponent,
  };
}

/**
 * The sign of (v512 − v), where v is the decimal and v512 its nearest 512-bit binary float: decides
 * which way Go rounds a decimal that sits exactly halfway in its shortest form.
 */
export function binaryRoundingBias(decimal: Decimal): number {
  if (decimal.digits === '') return 0;
  const mantissa = BigInt(decimal.digits);
  const power = decimal.exponent - decimal.digits.length;
  if (power >= 0) {
    const integer = mantissa * 10n ** BigInt(power);
    const length = bitLength(integer);
    if (length <= 512) return 0;
    const shift = BigInt(length - 512);
    const quotient = integer >> shift;
    const remainder = integer - (quotient << shift);
    return compareHalf(remainder * 2n, 1n << shift, quotient);
  }
  const divisor = 10n ** BigInt(-power);
  let shift = 512 + bitLength(divisor) - bitLength(mantissa);
  let quotient = (mantissa << BigInt(shift)) / divisor;
  while (bitLength(quotient) > 512) {
    shift--;
    quotient = (mantissa << BigInt(shift)) / divisor;
  }
  while (bitLength(quotient) < 512) {
    shift++;
    quotient = (mantissa << BigInt(shift)) / divisor;
  }
  const remainder = (mantissa << BigInt(shift)) - quotient * divisor;
  return compareHalf(remainder * 2n, divisor, quotient);
}

function compareHalf(twiceRemainder: bigint, unit: bigint, quotient: bigint): number {
  if (twiceRemainder === 0n) return 0;
  if (twiceRemainder < unit) return -1;
  if (twiceRemainder > unit) return 1;
  return quotient & 1n ? 1 : -1;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

function formatExponent(letter: string, prec: number, decimal: Decimal): string {
  let text = decimal.digits[0] ?? '0';
  if (prec > 0) {
    text += '.';
    const more = decimal.digits.slice(1, Math.min(decimal.digits.length, prec + 1));
    text += more + '0'.repeat(prec - more.length);
  }
  let exponent = decimal.digits.length > 0 ? decimal.exponent - 1 : 0;
  const sign = exponent < 0 ? '-' : '+';
  exponent = Math.abs(exponent);
  return `${text}${letter}${sign}${exponent < 10 ? '0' : ''}${exponent}`;
}

function formatFixed(prec: number, decimal: Decimal): string {
  const { digits, exponent } = decimal;
  let text: string;
  if (exponent > 0) {
    const integer = digits.slice(0, exponent);
    text = integer + '0'.repeat(exponent - integer.length);
  } else {
    text = '0';
  }
  if (prec > 0) {
    let fraction = '';
    for (let index = 0; index < prec; index++) fraction += digits[exponent + index] ?? '0';
    text += `.${fraction}`;
  }
  return text;
}
