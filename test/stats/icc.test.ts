/**
 * ICC against psych 2.2.9 on Shrout & Fleiss (1979)'s 6 subjects × 4 judges:
 * sf <- matrix(c(9,2,5,8, 6,1,3,2, 8,4,6,8, 7,1,2,6, 10,5,6,9, 6,2,4,7), 6, byrow = TRUE)
 * psych::ICC(sf, lmer = FALSE)$results  (ICC, F, df1, df2, p, lower, upper per row)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { icc } from '../../src/stats/icc.js';
import { assertClose } from './assert-close.js';

const sf = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];
const judges = [0, 1, 2, 3].map((j) => sf.map((r) => r[j]));

const expected: Record<string, number[]> = {
  ICC1: [0.16574176840547516, 1.7946784922394665, 5, 18, 0.16476880834464008, -0.13293232487475112, 0.72256006232812076],
  ICC2: [0.28976377952755888, 11.027247956403256, 5, 15, 0.00013456651648433764, 0.018786513374711954, 0.76108436964895265],
  ICC3: [0.71484071484071454, 11.027247956403256, 5, 15, 0.00013456651648433764, 0.34246476503392481, 0.94585825995535944],
  ICC1k: [0.44279713367926815, 1.7946784922394665, 5, 18, 0.16476880834464008, -0.88444215523812164, 0.9124154203407755],
  ICC2k: [0.62005054759898881, 11.027247956403256, 5, 15, 0.00013456651648433764, 0.07113681530250314, 0.92723204016772187],
  ICC3k: [0.90931554237706935, 11.027247956403256, 5, 15, 0.00013456651648433764, 0.67567471381630417, 0.98589167816906231],
};

test('the six forms with 4 raters as psych', () => {
  const r = icc(judges);
  for (const row of r.rows) {
    assertClose([row.icc, row.F, row.df1, row.df2, row.p, row.lower, row.upper], expected[row.type], 1e-10, row.type);
  }
});

test('perfect agreement: ICC 1, F infinite, p 0, bounds at their limit 1', () => {
  const a = [1, 2, 3, 4, 5];
  const r = icc([a, a]);
  for (const row of r.rows) {
    assert.equal(row.icc, 1);
    assert.equal(row.p, 0);
    assert.equal(row.upper, 1);
    assert.ok(Number.isFinite(row.lower), `${row.type} lower ${row.lower}`);
  }
});

test('bad input: missing rating (named subject and rater), identical ratings, one subject', () => {
  assert.throws(() => icc([[1, 2, NaN], [1, 2, 3]], 'Energy'), /ICC \(Energy\): rating of subject 3 by rater 1 is missing/);
  assert.throws(() => icc([[2, 2, 2], [2, 2, 2]]), /every rating is identical/);
  assert.throws(() => icc([[1], [2]]), /1 subject\(s\)/);
});
