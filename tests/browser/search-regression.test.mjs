// No result lost: every query in search-regression.json (the tests' and the benchmark's queries,
// the evaluation set, every title, every Party name alone and with a topic) still finds at least
// what the search found before relaxed matching, the thesaurus and Party names. Needs SITE_DIR.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { rankedIds, siteEngine } from '../../bench/search-eval.mjs';

const SITE = process.env.SITE_DIR;
const skip = SITE ? false : 'SITE_DIR is not set';

test('every query still finds what it found before', { skip }, async () => {
  const { found } = JSON.parse(readFileSync(new URL('./search-regression.json', import.meta.url), 'utf8'));
  const e = siteEngine(SITE);
  const lost = [];
  for (const [q, before] of Object.entries(found)) {
    const now = new Set(await rankedIds(e, q, Infinity));
    const missing = before.filter((id) => !now.has(id));
    if (missing.length) lost.push(`${q}: ${missing.join(' ')}`);
  }
  assert.ok(Object.keys(found).length > 200);
  assert.deepEqual(lost, []);
});
