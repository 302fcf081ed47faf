/**
 * The demo cohort's patients: outcome, clinical table and split, drawn from a seeded generator
 * so the same seed gives the same cohort. The model is described in docs/demo.md; its effect
 * sizes follow the paper's Table 1 (albumin lower and tumours more often multiple with early
 * recurrence, the rest balanced).
 */
import { createRng, type Rng } from '../stats/random.js';

export interface DemoPatient {
  id: string;
  er: 0 | 1;
  split: 'train' | 'validation';
  sex: 'M' | 'F';
  age: number;
  etiology: 'HBV' | 'HCV' | 'other';
  cirrhosis: 'yes' | 'no';
  child_pugh: 'A' | 'B';
  afp: number;
  alt: number;
  ast: number;
  alb: number;
  tbil: number;
  tumor_number: 1 | 2 | 3;
  /** index tumour diameter in cm (0.8-3.0) */
  tumor_size: number;
  location: 'right' | 'left';
  /** latent tumour aggressiveness (not in the clinical table): drives the image texture */
  aggressiveness: number;
}

export interface DemoCohortSize {
  patients: number;
  events: number;
}

export const PAPER_COHORT: DemoCohortSize = { patients: 90, events: 38 };

const round1 = (x: number): number => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

function pick<T>(rng: Rng, items: readonly T[], probs: readonly number[]): T {
  let u = rng.unif();
  for (let i = 0; i < items.length - 1; i++) {
    if (u < probs[i]) return items[i];
    u -= probs[i];
  }
  return items[items.length - 1];
}

/** Fisher-Yates with the seeded generator: a permutation of 0..n-1. */
function permutation(rng: Rng, n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.unifIndex(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/**
 * Draws the cohort: exactly `events` patients with early recurrence, a 7:3 split stratified by
 * outcome, and clinical values whose distributions depend on the outcome as docs/demo.md says.
 */
export function drawDemoPatients(seed: number, size: DemoCohortSize = PAPER_COHORT): DemoPatient[] {
  const rng = createRng(seed);
  const n = size.patients;
  const er = new Uint8Array(n);
  const order = permutation(rng, n);
  for (let k = 0; k < size.events; k++) er[order[k]] = 1;

  // Stratified 7:3 split: within each outcome, the first round(0.7 * count) of a permutation train.
  const split: Array<'train' | 'validation'> = new Array(n).fill('validation');
  for (const outcome of [1, 0]) {
    const members = [...Array(n).keys()].filter((i) => er[i] === outcome);
    const perm = permutation(rng, members.length);
    const nTrain = Math.round(members.length * 0.7);
    for (let k = 0; k < nTrain; k++) split[members[perm[k]]] = 'train';
  }

  const patients: DemoPatient[] = [];
  for (let i = 0; i < n; i++) {
    const y = er[i] as 0 | 1;
    const aggressiveness = rng.norm() + 1.8 * y;
    const tumorNumber = pick(rng, [1, 2, 3] as const, y ? [0.55, 0.3, 0.15] : [0.85, 0.12, 0.03]);
    const cirrhosis = pick(rng, ['yes', 'no'] as const, [0.72, 0.28]);
    patients.push({
      id: `D${String(i + 1).padStart(3, '0')}`,
      er: y,
      split: split[i],
      sex: pick(rng, ['M', 'F'] as const, [0.82, 0.18]),
      age: Math.round(clamp(56 + 3 * y + 10 * rng.norm(), 30, 85)),
      etiology: pick(rng, ['HBV', 'HCV', 'other'] as const, [0.8, 0.08, 0.12]),
      cirrhosis,
      child_pugh: pick(rng, ['A', 'B'] as const, cirrhosis === 'yes' ? [0.88, 0.12] : [0.97, 0.03]),
      afp: round1(clamp(Math.exp(Math.log(y ? 30 : 18) + 1.6 * rng.norm()), 0.8, 4000)),
      alt: Math.round(clamp(Math.exp(Math.log(38) + 0.5 * rng.norm()), 8, 400)),
      ast: Math.round(clamp(Math.exp(Math.log(36) + 0.5 * rng.norm()), 10, 400)),
      alb: round1(clamp(42 - 4 * y + 4.5 * rng.norm(), 25, 55)),
      tbil: round1(clamp(Math.exp(Math.log(15) + 0.45 * rng.norm()), 4, 80)),
      tumor_number: tumorNumber,
      tumor_size: round1(clamp(1.7 + 0.15 * y + 0.5 * rng.norm(), 0.8, 3.0)),
      location: pick(rng, ['right', 'left'] as const, [0.7, 0.3]),
      aggressiveness,
    });
  }
  return patients;
}

/** The clinical table's columns, in the order the CSV is written. */
export const CLINICAL_COLUMNS = [
  'id', 'er', 'split', 'sex', 'age', 'etiology', 'cirrhosis', 'child_pugh', 'afp', 'alt', 'ast',
  'alb', 'tbil', 'tumor_number', 'tumor_size', 'location',
] as const;

export function clinicalCsv(patients: readonly DemoPatient[]): string {
  const lines = [CLINICAL_COLUMNS.join(',')];
  for (const p of patients) lines.push(CLINICAL_COLUMNS.map((c) => String(p[c])).join(','));
  return lines.join('\n') + '\n';
}
