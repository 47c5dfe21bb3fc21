// The tokenizer of search-engine.js against the corpus src/text.rs is also tested on
// (tests/fixtures/tokenizer-corpus.jsonl): the index and the queries must cut text the same way.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tokenize } from '../../themes/default/static/search-engine.js';

const corpus = readFileSync(new URL('../fixtures/tokenizer-corpus.jsonl', import.meta.url), 'utf8')
  .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

test('the corpus has the cases the specification names', () => {
  assert.ok(corpus.length >= 20, `${corpus.length} cases`);
});

for (const { why, text, tokens } of corpus) {
  test(`tokenize: ${why}`, () => {
    assert.deepEqual(tokenize(text), tokens, JSON.stringify(text));
  });
}
