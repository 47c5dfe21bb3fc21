// Unit tests of the search engine (themes/default/static/search-engine.js) and the page's pure
// helpers (search.js), against the index that
// `recpub build` wrote for the real dataset (SITE_DIR; skipped when unset): tokenising, prefix
// and typo matching, stemming, ids, phrases, stop words, ranking and facets.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  FORMAT_VERSION, createEngine, decodeVarints, decodeVocabulary, fold, idPatternOf, parseQuery, snippet, tokenize, withinOneEdit,
} from '../../themes/default/static/search-engine.js';
import { csvCell, stateFromUrl, urlFromState } from '../../themes/default/static/search.js';

const SITE = process.env.SITE_DIR;
const skip = SITE ? false : 'SITE_DIR is not set';

function engine() {
  const dir = join(SITE, 'search');
  const name = readdirSync(dir).find((f) => /^index\.[0-9a-f]{10}\.json$/.test(f));
  const load = async (p) => JSON.parse(readFileSync(join(SITE, p), 'utf8'));
  return createEngine(JSON.parse(readFileSync(join(dir, name), 'utf8')), load);
}

const none = () => ({ level: new Set(), section: new Set(), scope: new Set(), party: '', named: false });

async function ids(e, q, filters = none()) {
  const { hits } = await e.search(q, filters);
  return Promise.all(hits.map(async ([d]) => (await e.doc(d))[0]));
}

test('tokenize matches the indexer', () => {
  assert.deepEqual(tokenize('The child\'s "self-generated" images (Article 20(1)(a)), III-14.'),
    ['the', 'child', 'self', 'generated', 'images', 'article', '20', '1', 'iii', '14']);
});

test('an entry file of another format version is refused before anything is read', () => {
  for (const v of [undefined, 1, FORMAT_VERSION + 1, String(FORMAT_VERSION)]) {
    assert.throws(() => createEngine({ v }, null), (e) => e.name === 'FormatVersionError' && /format version/.test(e.message), String(v));
  }
});

test('varints decode', () => {
  assert.deepEqual(decodeVarints('Ff'), [5, 31]);
  assert.deepEqual(decodeVarints('gB'), [32]);
});

test('the vocabulary decodes: front-coded words, stem numbers as differences, stems as prefixes', () => {
  // Words: "abus" shares nothing with the word before (A = 0), "abuse" 4 characters (E),
  // "ñandú" nothing. Stem numbers 0, 0, 1 as zigzag differences 0, 0, 2 (A, A, C). Stems:
  // "abus" and "ñandú" start their first word (lengths 4 and 5, counted in characters: E, F);
  // "zz" starts none, so it is spelt out (0: A).
  const v = decodeVocabulary({ words: 'Aabus Ee Añandú', ws: 'AAC', sl: 'EFA', sx: 'zz' });
  assert.deepEqual(v.words, ['abus', 'abuse', 'ñandú']);
  assert.deepEqual(v.wordStem, [0, 0, 1]);
  assert.deepEqual(v.stems, ['abus', 'ñandú', 'zz']);
  assert.deepEqual(decodeVocabulary({ words: '', ws: '', sl: '', sx: '' }), { words: [], wordStem: [], stems: [] });
});

test('one edit: substitution, insertion, deletion, swap', () => {
  assert.ok(withinOneEdit('groming', 'grooming'));
  assert.ok(withinOneEdit('grooming', 'grooning'));
  assert.ok(withinOneEdit('gorming', 'groming'));
  assert.ok(!withinOneEdit('gromin', 'grooming'));
});

test('queries: phrases, ids and stop words', () => {
  const stop = new Set(['the', 'of']);
  const p = parseQuery('the "dual criminality" iii 14', stop);
  assert.deepEqual(p.phrases, [['dual', 'criminality']]);
  assert.deepEqual(p.ids, ['III-14']);
  assert.deepEqual(p.terms, ['iii', '14', 'dual', 'criminality']);
  assert.deepEqual(parseQuery('the of', stop).terms, ['the', 'of']);
});

test('ids of sections that are not Roman numerals, typed any way', () => {
  const other = idPatternOf(['1', '2', '10', 'A.1']);
  assert.deepEqual(other('see 1.4, 10 1, a.1-2 and x1.2, 20, 2.1.5'), ['1-4', '10-1', 'A.1-2']);
  assert.deepEqual(parseQuery('grooming 2.3', new Set(), other).ids, ['2-3']);
  assert.equal(idPatternOf(['II', 'III']), null, 'Roman sections are read by the usual pattern');
});

test('snippets mark matches and keep the words', () => {
  const parts = snippet('Criminalise grooming, even without a meeting.', (w) => w === 'grooming', 3);
  assert.deepEqual(parts.filter(([, m]) => m).map(([t]) => t), ['grooming']);
  assert.equal(parts.map(([t]) => t).join(''), 'Criminalise grooming, even without …');
});

test('URL state round-trips in a stable order', () => {
  const s = stateFromUrl('?q=grooming&level=require&level=invite&party=finland&named=1');
  assert.equal(urlFromState(s), '?q=grooming&level=invite&level=require&party=finland&named=1');
  assert.equal(urlFromState(stateFromUrl('')), '');
});

test('words, prefixes, typos and stems find their recommendations', { skip }, async () => {
  const e = engine();
  assert.equal((await ids(e, 'grooming'))[0], 'II-10');
  assert.ok((await ids(e, 'groo')).includes('II-10'), 'prefix as you type');
  assert.ok((await ids(e, 'groming')).includes('II-10'), 'one typo');
  assert.ok((await ids(e, 'helplnes')).includes('VI-1'), 'one typo');
  const relaxed = await e.search('gromming zzzzz', none());
  assert.ok(relaxed.relaxed, 'not every word matches: relaxed');
  assert.equal((await e.doc(relaxed.hits[0][0]))[0], 'II-10');
  assert.equal((await e.search('grooming', none())).relaxed, false);
  const prosecute = await ids(e, 'prosecute');
  assert.ok(prosecute.includes('II-9') && prosecute.includes('II-11'), `stemming: ${prosecute}`);
});

test('ids put their recommendation first, however typed', { skip }, async () => {
  const e = engine();
  for (const q of ['III-14', 'iii 14', 'iii-14', 'III–14']) assert.equal((await ids(e, q))[0], 'III-14', q);
  assert.deepEqual(await ids(e, 'XII-1'), []);
});

test('phrases, stop words and exact titles', { skip }, async () => {
  const e = engine();
  assert.deepEqual((await ids(e, '"dual criminality"')).sort(), ['IV-6', 'IV-7', 'IV-8']);
  assert.deepEqual(await ids(e, 'the grooming'), await ids(e, 'grooming'));
  assert.equal((await ids(e, 'Helplines for child victims'))[0], 'VI-1');
});

test('facets filter and count', { skip }, async () => {
  const e = engine();
  const f = none();
  f.party = 'finland';
  f.named = true;
  assert.deepEqual(await ids(e, '', f), ['VI-3']);
  f.named = false;
  const concerning = await ids(e, '', f);
  assert.equal(concerning.length, 77, 'what concerns Finland, as its page counts it');
  assert.ok(concerning.includes('II-1') && concerning.includes('VI-3'));
  assert.ok(!concerning.includes('II-5'), 'II-5 only may concern Finland: its list is lost');
  assert.ok(!concerning.includes('III-16'), 'III-16 designates others and its list is complete');
  const g = none();
  g.level.add('require');
  const { hits, counts } = await e.search('training', g);
  assert.ok(hits.length > 0 && hits.length === counts.level.require);
  assert.ok(counts.level.invite > 0, 'a facet counts its other values as if unselected');
});

test('for every Party, the search agrees with the site on what concerns it', { skip }, async () => {
  const e = engine();
  const parties = JSON.parse(readFileSync(join(SITE, 'data/parties.json'), 'utf8'));
  const recs = JSON.parse(readFileSync(join(SITE, 'data/recommendations.json'), 'utf8'));
  const everyone = recs.filter((r) => r.scope !== 'designated').map((r) => r.id);
  const sorted = (xs) => [...new Set(xs)].sort();
  assert.equal(parties.length, 43);
  for (const p of parties) {
    const f = none();
    f.party = p.slug;
    f.named = true;
    assert.deepEqual(sorted(await ids(e, '', f)), sorted(p.designated), `${p.slug}: designated by name`);
    f.named = false;
    // What concerns a Party: named, to all Parties, open; never one that only may concern it.
    const want = sorted([...p.designated, ...everyone]);
    assert.deepEqual(sorted(await ids(e, '', f)), want, `${p.slug}: concerns`);
    assert.ok(p.may_concern.every((id) => !want.includes(id)), `${p.slug}: may concern, apart`);
  }
});

test('an unknown Party slug filters nothing rather than something wrong', { skip }, async () => {
  const e = engine();
  const f = none();
  f.party = 'narnia';
  assert.deepEqual(await ids(e, 'training', f), await ids(e, 'training'));
});

test('readers\' words fold accents and plurals; CSV cells never start a formula', () => {
  assert.equal(fold('türkiye'), 'turkiye');
  assert.equal(fold('ngos'), 'ngo');
  assert.equal(fold('class'), 'class');
  for (const c of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx']) assert.equal(csvCell(c).replace(/^"/, '')[0], "'", c);
  assert.equal(csvCell('a, "b"'), '"a, ""b"""');
  assert.equal(csvCell('plain'), 'plain');
});

test('the thesaurus finds the Committee\'s words, below the reader\'s own', { skip }, async () => {
  const e = engine();
  assert.ok((await ids(e, 'NGO')).includes('VII-1'), 'NGO → civil society');
  assert.ok((await ids(e, 'nude selfies')).includes('II-6'), 'nude selfies → self-generated sexual images');
  assert.deepEqual((await ids(e, 'CSAM')).slice(0, 2).sort(), ['II-1', 'II-3']);
  // "police" is literal in V-14 and V-16; "law enforcement" (its expansion) in III-12.
  const police = await ids(e, 'police');
  assert.ok(police.indexOf('V-14') < police.indexOf('III-12') && police.includes('III-12'), String(police));
  const { relaxed } = await e.search('kids online safety lessons', none());
  assert.equal(relaxed, true);
});

test('a Party named in the query filters, unless removed; alone, it is a Party query', { skip }, async () => {
  const e = engine();
  const r = await e.search('Finland training', none());
  assert.equal(r.party, 'finland');
  assert.equal(r.partyOnly, false);
  const found = await ids(e, 'Finland training');
  const f = none();
  f.party = 'finland';
  assert.deepEqual(found.sort(), (await ids(e, 'training', f)).sort(), 'same as training + the Finland filter');
  const removed = none();
  removed.notParty = 'finland';
  assert.equal((await e.search('Finland training', removed)).party, '');
  const t = await e.search('Türkiye', none());
  assert.equal(t.party, 'turkey');
  assert.ok(t.partyOnly);
  assert.equal((await ids(e, 'Türkiye'))[0], 'III-16', 'recommendations naming Turkey come first');
  assert.equal((await e.search('Bosnia and Herzegovina police', none())).party, 'bosnia-and-herzegovina');
});

test('odd queries never throw', { skip }, async () => {
  const e = engine();
  for (const q of ['', '"', '""', '" "', 'the of', '<script>', 'x'.repeat(5000), '👶🏽', 'حماية', '\u0000', 'iii-', '-14', '"grooming']) {
    const r = await e.search(q, none());
    assert.ok(Array.isArray(r.hits), q);
  }
});
