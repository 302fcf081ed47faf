/**
 * Comparison helpers of the stats parity suite. A Recorder counts every quantity compared and
 * keeps the first failures of each family with the numbers, so a failure says what and by how much.
 */

export interface Tolerance {
  /** relative tolerance: |a - e| <= rel * |e| */
  rel?: number;
  /** absolute tolerance: |a - e| <= abs (either bound passing is enough) */
  abs?: number;
}

export class Recorder {
  passed = 0;
  failed = 0;
  readonly failures: string[] = [];

  constructor(readonly family: string) {}

  private fail(msg: string): void {
    this.failed++;
    if (this.failures.length < 25) this.failures.push(msg);
  }

  /** A number (or null for R's NA/NaN/Inf written as null) within tolerance. */
  close(label: string, actual: number | null | undefined, expected: number | null | undefined, tol: Tolerance): void {
    if (expected === null || expected === undefined) {
      if (actual === null || actual === undefined || !Number.isFinite(actual)) this.passed++;
      else this.fail(`${label}: expected null (NA/NaN), got ${actual}`);
      return;
    }
    if (actual === null || actual === undefined || Number.isNaN(actual)) {
      this.fail(`${label}: expected ${expected}, got ${actual}`);
      return;
    }
    const diff = Math.abs(actual - expected);
    const okRel = tol.rel !== undefined && diff <= tol.rel * Math.abs(expected);
    const okAbs = tol.abs !== undefined && diff <= tol.abs;
    if (actual === expected || okRel || okAbs) this.passed++;
    else this.fail(`${label}: expected ${expected}, got ${actual} (diff ${diff.toExponential(2)}, rel ${(diff / Math.abs(expected)).toExponential(2)})`);
  }

  /** Every element of two arrays within tolerance, with equal lengths. */
  closeAll(label: string, actual: ArrayLike<number | null>, expected: ArrayLike<number | null>, tol: Tolerance): void {
    if (actual.length !== expected.length) {
      this.fail(`${label}: length ${actual.length}, expected ${expected.length}`);
      return;
    }
    for (let i = 0; i < expected.length; i++) this.close(`${label}[${i}]`, actual[i], expected[i], tol);
  }

  /** Exact equality of JSON-like values (lists of names, indices, booleans, strings). */
  equal(label: string, actual: unknown, expected: unknown): void {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a === e) this.passed++;
    else this.fail(`${label}: expected ${e.slice(0, 300)}, got ${a.slice(0, 300)}`);
  }

  /** A condition that must hold, with a message when it does not. */
  ok(label: string, condition: boolean, detail = ''): void {
    if (condition) this.passed++;
    else this.fail(`${label}${detail ? ': ' + detail : ''}`);
  }
}

/**
 * jsonlite writes length-1 vectors as scalars (auto_unbox) and NULL as null: the value as an
 * array either way.
 */
export function list<T>(v: T | T[] | null | undefined): T[] {
  return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** R's suggested tolerances (reference/stats/README.md, "Suggested tolerances"). */
export const TOL = {
  closedForm: { rel: 1e-9 },
  pValue: { rel: 1e-9, abs: 1e-12 },
  shapiro: { rel: 1e-6 },
  glm: { rel: 1e-7, abs: 1e-12 },
  profile: { rel: 1e-5 },
  glmnet: { rel: 1e-6, abs: 1e-9 },
  /** Values written with 15 significant digits: recomputing them agrees to ~1e-15 relative, 1e-13 leaves room. */
  json15: { rel: 1e-13, abs: 1e-15 },
} as const;
