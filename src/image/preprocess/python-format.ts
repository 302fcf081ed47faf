/**
 * Values formatted as PyRadiomics writes them in its CSV output (Python's str() of the value:
 * floats as repr, tuples "(1.0, 2.0)", lists "[1, 2]", dicts "{'a': 1}", None, True/False).
 * Diagnostics and configuration rows must read the same as PyRadiomics' own.
 */

/**
 * Python's repr of a float (shortest round-trip digits; fixed notation when the decimal point
 * position is in (-4, 16], scientific otherwise, exponent with a sign and at least two digits).
 * Example: pyFloat(3057) === '3057.0', pyFloat(1e-5) === '1e-05', pyFloat(1e16) === '1e+16'.
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the shortest digits that round-trip.
  const [mantissa, expText] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  const decpt = exp + 1; // x = 0.digits * 10^decpt
  let s: string;
  if (decpt <= -4 || decpt > 16) {
    const e = Math.abs(exp);
    s = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' : '') + e;
  } else if (decpt <= 0) {
    s = '0.' + '0'.repeat(-decpt) + digits;
  } else if (decpt >= digits.length) {
    s = digits + '0'.repeat(decpt - digits.length) + '.0';
  } else {
    s = digits.slice(0, decpt) + '.' + digits.slice(decpt);
  }
  return x < 0 ? '-' + s : s;
}

/** A Python int (for values that are ints in Python: sizes, counts, bounding boxes). */
export function pyInt(x: number): string {
  if (!Number.isInteger(x)) throw new Error(`pyInt: ${x} is not an integer`);
  return String(x);
}

/** A Python tuple of floats: "(0.78125, 0.78125, 6.5)". */
export function pyFloatTuple(xs: ArrayLike<number>): string {
  return pyTuple(Array.from(xs, pyFloat));
}

/** A Python tuple of ints: "(256, 256, 25)". */
export function pyIntTuple(xs: ArrayLike<number>): string {
  return pyTuple(Array.from(xs, pyInt));
}

function pyTuple(items: string[]): string {
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** Marks a number that Python holds as a float even when it is integral (e.g. 2.0 in YAML). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/**
 * Python's repr of a JSON-like value as PyRadiomics' settings dicts hold them: numbers that are
 * integers print as ints unless wrapped in PyFloat, strings in single quotes, null as None,
 * booleans as True/False, arrays as lists, plain objects as dicts in insertion order.
 */
export function pyRepr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v instanceof PyFloat) return pyFloat(v.value);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pyFloat(v);
  if (typeof v === 'string') return pyString(v);
  if (Array.isArray(v)) return `[${v.map(pyRepr).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${pyString(k)}: ${pyRepr(x)}`);
    return `{${entries.join(', ')}}`;
  }
  throw new Error(`pyRepr: cannot format a ${typeof v}`);
}

/** Python's repr of a str: single quotes unless the text holds a single quote and no double one. */
function pyString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out + quote;
}
