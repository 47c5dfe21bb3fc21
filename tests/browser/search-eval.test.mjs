// Search quality from the reader's side: the judged queries of bench/search-eval.json must score
// at least the figures recorded there (hits@3, hits@5, MRR, nDCG@5). Needs SITE_DIR.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, loadEvalSet, siteEngine } from '../../bench/search-eval.mjs';

const SITE = process.env.SITE_DIR;
const skip = SITE ? false : 'SITE_DIR is not set';

test('the judged set has at least 40 queries, each with judgments', () => {
  const set = loadEvalSet();
  assert.ok(set.queries.length >= 40, `${set.queries.length} queries`);
  for (const { q, relevant } of set.queries) assert.ok(q && relevant.length, q);
});

test('no metric drops below its recorded value', { skip }, async () => {
  const set = loadEvalSet();
  const { metrics, rows } = await evaluate(siteEngine(SITE), set);
  const misses = rows.filter((r) => r.first === 0 || r.first > 5).map((r) => `${r.q} → ${r.ids.slice(0, 5).join(' ')}`);
  for (const [k, recorded] of Object.entries(set.recorded)) {
    assert.ok(metrics[k] >= recorded - 1e-9, `${k} ${metrics[k].toFixed(3)} < recorded ${recorded}; misses: ${misses.join('; ')}`);
  }
});
