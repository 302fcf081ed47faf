/**
 * Python literals as PyRadiomics writes them into its output tables (repr of the settings dict in
 * diagnostics_Configuration_Settings, of the image types in diagnostics_Configuration_EnabledImageTypes,
 * tuples such as spacings): dicts, lists, tuples (as arrays), strings, numbers, None, True, False.
 * Strings are taken as written (PyRadiomics' settings hold no escapes).
 *
 * @example
 * parsePythonDict("{'binWidth': 25, 'resampledPixelSpacing': (1, 1, 1), 'interpolator': None}")
 * // { binWidth: 25, resampledPixelSpacing: [1, 1, 1], interpolator: null }
 */

/** A Python literal (dict, list, tuple, str, int, float, None, True, False) as a JS value. */
export function parsePythonLiteral(text: string): unknown {
  let i = 0;
  const ws = () => { while (/\s/.test(text[i])) i++; };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[' || c === '(') {
      const close = c === '{' ? '}' : c === '[' ? ']' : ')';
      i++;
      const obj: Record<string, unknown> = {};
      const arr: unknown[] = [];
      for (;;) {
        ws();
        if (text[i] === close) { i++; break; }
        const item = value();
        ws();
        if (c === '{') {
          if (text[i] !== ':') throw new Error(`expected ':' at ${i} in ${text}`);
          i++;
          obj[String(item)] = value();
          ws();
        } else arr.push(item);
        if (text[i] === ',') i++;
      }
      return c === '{' ? obj : arr;
    }
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      const s = text.slice(i + 1, end);
      i = end + 1;
      return s;
    }
    const m = /^[-+0-9.eE]+|^None|^True|^False/.exec(text.slice(i));
    if (!m) throw new Error(`cannot parse ${text.slice(i, i + 20)}`);
    i += m[0].length;
    if (m[0] === 'None') return null;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    return Number(m[0]);
  };
  return value();
}

/** A Python dict literal as a JS object (keys as strings). */
export function parsePythonDict(text: string): Record<string, unknown> {
  return parsePythonLiteral(text) as Record<string, unknown>;
}
