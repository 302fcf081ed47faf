/** Parsing of the numeric options the image commands share. */

/** A whole number >= 0 from an option value, or an error naming the option. */
export function parseCount(option: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < 0) {
    throw new Error(`${option} '${value}': give a whole number (0 or more)`);
  }
  return n;
}
