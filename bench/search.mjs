// Search benchmark in headless Chromium: for each built site given, what the first query
// downloads (the search page, its two modules and the index files; raw and gzip -9, as a compressing
// static server would send it), how many files the index has, and the time from a query to
// rendered results (median of runs, from the page's own `recpub:query` performance measure).
// Usage:
//   node bench/search.mjs LABEL=SITE_DIR [LABEL=SITE_DIR …]

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, serveDir } from '../tests/browser/lib.mjs';

// Committee words, a typo, an id, a phrase, a common word; then readers' words (thesaurus and
// relaxed matching), a Party + topic, and a pasted 5,000-character text.
const QUERIES = ['grooming', 'training prosecutors', 'helplnes', 'iii 14', '"dual criminality"', 'child',
  'kids online safety lessons', 'Finland training', `${'counselling for victims of online abuse '.repeat(125)}`];
const shortName = (q) => (q.length > 40 ? `${q.length} characters` : q);
const RUNS = 7;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Bytes of every file of the site fetched during a first visit to the search page and a first
 * query (the page, its stylesheet, its scripts, the index files; not favicons, which the
 * browser fetches for any page), with each file's share.
 */
async function firstQuery(browser, server, dir) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const fetched = new Set();
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.href.startsWith(server.url) || r.status() !== 200) return;
    let path = decodeURIComponent(url.pathname);
    if (/\/favicon|apple-touch-icon/.test(path)) return;
    if (path.endsWith('/')) path += 'index.html';
    fetched.add(path);
  });
  await page.goto(`${server.url}search/`);
  await page.waitForSelector('.search-ready');
  await page.fill('#search-q', QUERIES[0]);
  await page.waitForFunction(() => /found/.test(document.querySelector('[data-status]').textContent));
  await page.waitForTimeout(200);
  const base = new URL(server.url).pathname;
  const files = [...fetched].sort().map((path) => {
    const bytes = readFileSync(join(dir, path.slice(base.length)));
    return { path: path.slice(base.length), raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  });
  await context.close();
  const sum = (k) => files.reduce((a, f) => a + f[k], 0);
  return { files, raw: sum('raw'), gz: sum('gz') };
}

/** Median query-to-render time per query, in a warm page (index loaded). */
async function queryTimes(browser, server) {
  const page = await browser.newPage();
  await page.goto(`${server.url}search/`);
  await page.waitForSelector('.search-ready');
  const out = {};
  for (const q of QUERIES) {
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => performance.clearMeasures('recpub:query'));
      await page.fill('#search-q', i % 2 ? `${q} ` : q);
      await page.waitForFunction(() => performance.getEntriesByName('recpub:query').length > 0);
      times.push(await page.evaluate(() => performance.getEntriesByName('recpub:query').at(-1).duration));
    }
    out[q] = median(times.slice(1)); // the first run of a query may fetch shards
  }
  await page.close();
  return out;
}

const browser = await launch();
const rows = [];
for (const arg of process.argv.slice(2)) {
  const [label, dir] = arg.split('=');
  const server = await serveDir(dir);
  const first = await firstQuery(browser, server, dir);
  const times = await queryTimes(browser, server);
  const files = readdirSync(join(dir, 'search')).filter((f) => f.endsWith('.json')).length;
  rows.push({ label, first, times, files });
  await server.close();
}
await browser.close();

console.log(`| site | index files | first query downloads (raw) | (gzip -9) | ${QUERIES.map((q) => `\`${shortName(q)}\``).join(' | ')} |`);
console.log(`|---|---|---|---|${QUERIES.map(() => '---').join('|')}|`);
for (const r of rows) {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const ms = QUERIES.map((q) => `${r.times[q].toFixed(1)} ms`).join(' | ');
  console.log(`| ${r.label} | ${r.files} | ${kb(r.first.raw)} in ${r.first.files.length} files | ${kb(r.first.gz)} | ${ms} |`);
}

if (process.env.BENCH_FILES) {
  for (const r of rows) {
    console.log(`\n${r.label}: first query, per file (gzip -9)`);
    for (const f of r.first.files) console.log(`  ${f.path}  ${(f.gz / 1024).toFixed(1)} KB (${(f.raw / 1024).toFixed(1)} KB raw)`);
  }
}
