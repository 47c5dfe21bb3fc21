// Search quality from the reader's side: runs the judged queries of bench/search-eval.json
// against a built site's index (the engine of themes/default/static/search-engine.js, in Node) and
// prints hits@3, hits@5, MRR and nDCG@5, then each query's first results. Usage:
//   node bench/search-eval.mjs SITE_DIR [--misses]

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEngine } from '../themes/default/static/search-engine.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The judged set. */
export function loadEvalSet() {
  return JSON.parse(readFileSync(join(here, 'search-eval.json'), 'utf8'));
}

/** The engine over the index a build wrote into `site`. */
export function siteEngine(site) {
  const dir = join(site, 'search');
  const name = readdirSync(dir).find((f) => /^index\.[0-9a-f]{10}\.json$/.test(f));
  const load = async (p) => JSON.parse(readFileSync(join(site, p), 'utf8'));
  return createEngine(JSON.parse(readFileSync(join(dir, name), 'utf8')), load);
}

const noFilters = () => ({ level: new Set(), section: new Set(), scope: new Set(), party: '', named: false });

/** Ranked ids for one query (the first `limit`), as a reader without filters would see them. */
export async function rankedIds(engine, q, limit = 10) {
  const { hits } = await engine.search(q, noFilters());
  return Promise.all(hits.slice(0, limit).map(async ([d]) => (await engine.doc(d))[0]));
}

/** Per query: its first results and the rank of the first relevant one (0: none in the top 10). */
export async function evaluate(engine, set) {
  const rows = [];
  for (const { q, relevant } of set.queries) {
    const ids = await rankedIds(engine, q);
    const rel = new Set(relevant);
    const first = ids.findIndex((id) => rel.has(id)) + 1;
    const dcg = ids.slice(0, 5).reduce((s, id, i) => s + (rel.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
    let ideal = 0;
    for (let i = 0; i < Math.min(5, rel.size); i++) ideal += 1 / Math.log2(i + 2);
    rows.push({ q, ids, first, ndcg: dcg / ideal });
  }
  const mean = (f) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  const metrics = {
    'hits@3': mean((r) => (r.first > 0 && r.first <= 3 ? 1 : 0)),
    'hits@5': mean((r) => (r.first > 0 && r.first <= 5 ? 1 : 0)),
    mrr: mean((r) => (r.first > 0 ? 1 / r.first : 0)),
    'ndcg@5': mean((r) => r.ndcg),
  };
  return { metrics, rows };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const site = process.argv[2];
  if (!site) {
    console.error('usage: node bench/search-eval.mjs SITE_DIR [--misses]');
    process.exit(2);
  }
  const set = loadEvalSet();
  const { metrics, rows } = await evaluate(siteEngine(site), set);
  console.log(`${rows.length} queries`);
  for (const [k, v] of Object.entries(metrics)) console.log(`${k.padEnd(7)} ${v.toFixed(3)}`);
  const misses = process.argv.includes('--misses');
  for (const r of rows) {
    if (!misses || r.first === 0 || r.first > 3) console.log(`${String(r.first || '-').padStart(2)}  ${r.q}  →  ${r.ids.slice(0, 5).join(' ')}`);
  }
}
