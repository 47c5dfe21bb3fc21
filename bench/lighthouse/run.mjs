// Lighthouse (pinned 12.2.3, this folder's package.json) on one page of every kind of the site
// (PAGE_KINDS from tests/browser/screenshots.mjs), in Debian's headless Chromium with
// Lighthouse's default mobile emulation and simulated throttling. Builds the site with an
// absolute base URL http://127.0.0.1:PORT/ (so canonical links, og:url and the sitemap point
// at the origin being audited), serves it there, and prints performance / accessibility /
// best-practices / SEO per page plus every audit below full score, with the elements or
// values behind it. Writes the same as bench/lighthouse/results.md.
//
// Usage (from anywhere; bench/lighthouse.sh installs what is needed first):
//   node bench/lighthouse/run.mjs [--strict] [--port 47613] [--runs 1] [--only slug,slug]
//        [--bin target/release/recpub] [--content content] [--out DIR] [--site DIR]
//        [--json-dir DIR] [--results FILE]
// --strict: exit 1 when a page scores below 95 in performance or below 100 in another category.
// --runs N: run each page N times and keep the run with the median performance score.
// --only: page slugs from PAGE_KINDS (home, recommendation, search, 404, ...).
// --out DIR: build the site there (kept) instead of a temporary folder.
// --site DIR: skip the build and audit a site already built for http://127.0.0.1:PORT/.
// --json-dir: also keep each page's full Lighthouse JSON report there.
//
// The network is closed here: Chromium gets the background-networking flags from
// tests/browser/lib.mjs, and every audit reads only the local origin.

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH, serveDir } from '../../tests/browser/lib.mjs';
import { PAGE_KINDS } from '../../tests/browser/screenshots.mjs';

// Chromium renamed the PipelineReporter trace argument `chrome_frame_reporter` to
// `frame_reporter`. The trace engine inside Lighthouse 12.2.3 reads only the old name, throws,
// and takes its RootCauses and TraceElements gatherers down with it (no layout-shift elements,
// no LCP element, no render-blocking resources). Let the old name read the new one; an own
// property (an older Chromium's trace) still wins, and assigning the name makes one.
if (!Object.hasOwn(Object.prototype, 'chrome_frame_reporter')) {
  Object.defineProperty(Object.prototype, 'chrome_frame_reporter', {
    configurable: true,
    enumerable: false,
    get() {
      return this.frame_reporter;
    },
    set(value) {
      Object.defineProperty(this, 'chrome_frame_reporter', {
        value, writable: true, enumerable: true, configurable: true,
      });
    },
  });
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

const CATEGORIES = [
  ['performance', 'Perf'],
  ['accessibility', 'A11y'],
  ['best-practices', 'BP'],
  ['seo', 'SEO'],
];
/** Minimum score per category (0–100) for --strict. */
const THRESHOLDS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 100 };
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'SI'],
];
const MAX_ITEMS = 8;
/** Informative audits shown for every page: what LCP and CLS are made of. */
const CONTEXT_AUDITS = ['largest-contentful-paint-element', 'layout-shifts'];
/** Audits that judge the server (compression, caching headers), not the site: listed by id only. */
const SERVER_AUDITS = ['uses-text-compression', 'bf-cache', 'uses-long-cache-ttl'];

const { values: opts } = parseArgs({
  options: {
    strict: { type: 'boolean', default: false },
    port: { type: 'string', default: '47613' },
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
    bin: { type: 'string', default: path.join(ROOT, 'target/release/recpub') },
    content: { type: 'string', default: path.join(ROOT, 'content') },
    out: { type: 'string' },
    site: { type: 'string' },
    'json-dir': { type: 'string' },
    results: { type: 'string', default: path.join(HERE, 'results.md') },
  },
});

const port = Number(opts.port);
const runs = Math.max(1, Number(opts.runs) || 1);
const kinds = opts.only
  ? opts.only.split(',').map((slug) => {
      const kind = PAGE_KINDS.find((k) => k.slug === slug.trim());
      if (!kind) {
        console.error(`unknown page slug ${slug}; known: ${PAGE_KINDS.map((k) => k.slug).join(', ')}`);
        process.exit(2);
      }
      return kind;
    })
  : PAGE_KINDS;

// ---------------------------------------------------------------------------
// Site: build for http://127.0.0.1:PORT/ and serve it there
// ---------------------------------------------------------------------------

function buildSite(outDir, baseUrl) {
  const bin = path.resolve(opts.bin);
  const args = ['build', '--content', path.resolve(opts.content), '--out', outDir, '--base-url', baseUrl];
  const r = spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run ${opts.bin}: ${r.error.message} (cargo build --release first)`);
  if (r.status !== 0) throw new Error(`site build failed:\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/**
 * serveDir listens on a random port; the base URL baked into the pages needs a fixed one, so a
 * plain TCP relay on 127.0.0.1:PORT forwards to it (the bytes, redirects and 404s are
 * serveDir's own).
 */
async function serveOnPort(root, fixedPort) {
  const inner = await serveDir(root);
  const innerPort = new URL(inner.url).port;
  const sockets = new Set();
  const relay = net.createServer((client) => {
    const upstream = net.connect(innerPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise((resolve, reject) => {
    relay.once('error', (err) => {
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${fixedPort} is in use: pass --port N`) : err);
    });
    relay.listen(fixedPort, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${fixedPort}/`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => relay.close(() => resolve()));
      await inner.close();
    },
  };
}

// ---------------------------------------------------------------------------
// Lighthouse
// ---------------------------------------------------------------------------

const score100 = (s) => (s == null ? null : Math.round(s * 100));

async function audit(url, chromePort) {
  const result = await lighthouse(url, {
    port: chromePort,
    output: 'json',
    logLevel: 'error',
    onlyCategories: CATEGORIES.map(([id]) => id),
    // Mobile emulation and simulated throttling are Lighthouse's defaults.
  });
  if (!result?.lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
  return result.lhr;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** Run `runs` times; keep the report whose performance score is the median. */
async function auditMedian(url, chromePort) {
  const lhrs = [];
  for (let i = 0; i < runs; i++) lhrs.push(await audit(url, chromePort));
  const perf = (l) => l.categories.performance?.score ?? 0;
  const m = median(lhrs.map(perf));
  return lhrs.find((l) => perf(l) === m);
}

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

const oneLine = (s, max = 160) => {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

/** One value of a details table, by its heading's type. */
function cell(value, type) {
  if (value == null || value === '') return '';
  if (typeof value === 'object') {
    switch (value.type) {
      case 'node':
        return [
          value.selector,
          value.snippet && `\`${oneLine(value.snippet, 120)}\``,
          value.nodeLabel && ![value.snippet, value.selector].includes(value.nodeLabel) && `"${oneLine(value.nodeLabel, 80)}"`,
          value.explanation && oneLine(value.explanation, 300),
        ].filter(Boolean).join(' ');
      case 'source-location':
        return `${value.url}:${value.line + 1}:${value.column + 1}`;
      case 'url':
      case 'text':
      case 'code':
        return oneLine(value.value);
      case 'numeric':
        return String(value.value);
      case 'subitems':
        return '';
      default:
        return oneLine(JSON.stringify(value), 120);
    }
  }
  if (type === 'ms' || type === 'timespanMs') return `${Math.round(value)} ms`;
  if (type === 'bytes') return `${Math.round(value / 1024)} KiB`;
  if (typeof value === 'number') return String(Math.round(value * 1000) / 1000);
  return oneLine(value);
}

/** The rows of an audit's details (a table or a list of tables), as text lines. */
function detailLines(details) {
  if (!details) return [];
  if (details.type === 'list') return details.items.flatMap(detailLines);
  if (!Array.isArray(details.items) || !Array.isArray(details.headings)) return [];
  const headings = details.headings.filter((h) => h.key);
  const lines = details.items.slice(0, MAX_ITEMS).map((item) =>
    headings
      .map((h) => {
        const text = cell(item[h.key], h.valueType);
        return text && `${typeof h.label === 'string' && h.label ? `${h.label}: ` : ''}${text}`;
      })
      .filter(Boolean)
      .join('; '));
  if (details.items.length > MAX_ITEMS) lines.push(`… ${details.items.length - MAX_ITEMS} more`);
  return lines.filter(Boolean);
}

/** Audits below full score in the four categories, highest weight first. */
function failingAudits(lhr) {
  const out = [];
  for (const [catId] of CATEGORIES) {
    const cat = lhr.categories[catId];
    if (!cat) continue;
    for (const ref of cat.auditRefs) {
      const a = lhr.audits[ref.id];
      if (!a || a.score == null || a.score >= 1) continue;
      if (!['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode)) continue;
      // Performance opportunities without measured savings say nothing actionable.
      if (a.scoreDisplayMode === 'metricSavings' && a.score >= 0.9) continue;
      out.push({ category: catId, weight: ref.weight, audit: a });
    }
  }
  return out.sort((x, y) => y.weight - x.weight);
}

function markdown(rows, { baseUrl, lhVersion, chromeVersion, started, benchmarkIndex, loadAvg }) {
  const lines = [
    '# Lighthouse',
    '',
    `Lighthouse ${lhVersion}, ${chromeVersion}, mobile emulation with simulated throttling ` +
      `(Lighthouse's defaults), site built for and served at ${baseUrl}. ` +
      `${runs > 1 ? `Median of ${runs} runs by performance score. ` : ''}` +
      `Run ${started.toISOString().replace(/\.\d+Z$/, 'Z')} on a ${os.cpus().length}-core machine ` +
      `(Lighthouse benchmarkIndex ${benchmarkIndex ?? '?'}, load average ${loadAvg}); performance ` +
      'scores depend on the machine and on whatever else runs on it.',
      '',
      'The local server (tests/browser/lib.mjs) sends `Cache-Control: no-store` and no compression, ' +
      `so ${SERVER_AUDITS.map((id) => `\`${id}\``).join(', ')} are about it, not the site: listed by id only.`,
    '',
    `Thresholds for \`--strict\`: performance ≥ ${THRESHOLDS.performance}, the others 100.`,
    '',
    `| page | path | ${CATEGORIES.map(([, short]) => short).join(' | ')} | ${METRICS.map(([, s]) => s).join(' | ')} |`,
    `| --- | --- | ${CATEGORIES.map(() => '---:').join(' | ')} | ${METRICS.map(() => '---:').join(' | ')} |`,
  ];
  for (const r of rows) {
    const scores = CATEGORIES.map(([id]) => {
      const s = r.scores[id];
      return s == null ? '—' : s < THRESHOLDS[id] ? `**${s}**` : String(s);
    });
    const metrics = METRICS.map(([id]) => r.lhr?.audits[id]?.displayValue?.replace(/\u00a0/g, ' ') ?? '—');
    lines.push(`| ${r.kind.name} | \`${r.kind.path || '/'}\` | ${scores.join(' | ')} | ${metrics.join(' | ')} |`);
  }
  lines.push('', '## Audits below full score', '');
  for (const r of rows) {
    lines.push(`### ${r.kind.name} (\`${r.kind.path || '/'}\`)`, '');
    if (r.error) {
      lines.push(`Lighthouse failed: ${oneLine(r.error, 400)}`, '');
      continue;
    }
    if (r.lhr.runtimeError) lines.push(`Runtime error: ${r.lhr.runtimeError.code} ${oneLine(r.lhr.runtimeError.message)}`, '');
    for (const w of r.lhr.runWarnings ?? []) lines.push(`- warning: ${oneLine(w, 300)}`);
    const failing = failingAudits(r.lhr);
    const item = ({ category, weight, audit: a }) => {
      const value = a.displayValue ? ` — ${oneLine(a.displayValue)}` : '';
      lines.push(`- **${a.id}** (${category}, score ${score100(a.score)}, weight ${weight}): ${oneLine(a.title)}${value}`);
      for (const d of detailLines(a.details)) lines.push(`  - ${d}`);
    };
    const scored = failing.filter((f) => f.weight > 0);
    const server = failing.filter((f) => f.weight === 0 && SERVER_AUDITS.includes(f.audit.id));
    const diagnostics = failing.filter(
      (f) => f.weight === 0 && !SERVER_AUDITS.includes(f.audit.id) && !CONTEXT_AUDITS.includes(f.audit.id),
    );
    if (scored.length) {
      lines.push('Scored (weight > 0):', '');
      scored.forEach(item);
    } else {
      lines.push('Scored audits: all at full score.');
    }
    // What the metrics are about: the LCP element (and its phases) and any layout shifts.
    for (const id of CONTEXT_AUDITS) {
      const a = r.lhr.audits[id];
      const rows = detailLines(a?.details);
      if (!rows.length) continue;
      lines.push('', `${a.title}${a.displayValue ? ` — ${oneLine(a.displayValue)}` : ''}:`, '');
      for (const d of rows) lines.push(`- ${d}`);
    }
    if (diagnostics.length) {
      lines.push('', 'Diagnostics (weight 0, no effect on the score):', '');
      diagnostics.forEach(item);
    }
    if (server.length) {
      lines.push('', `About the local server only: ${server.map((f) => `\`${f.audit.id}\``).join(', ')}.`);
    }
    lines.push('');
  }
  // Audits that crashed (e.g. a gatherer that does not understand a newer Chromium's trace):
  // they carry no score, so list them once rather than let them pass silently.
  const errored = new Map();
  for (const r of rows) {
    for (const a of Object.values(r.lhr?.audits ?? {})) {
      if (a.scoreDisplayMode !== 'error') continue;
      const e = errored.get(a.id) ?? { message: a.errorMessage, pages: [] };
      e.pages.push(r.kind.slug);
      errored.set(a.id, e);
    }
  }
  if (errored.size) {
    lines.push('## Audits that errored (no result)', '');
    for (const [id, e] of errored) {
      const pages = e.pages.length === rows.length ? 'every page' : e.pages.join(', ');
      lines.push(`- **${id}** on ${pages}: ${oneLine(e.message, 300)}`);
    }
  }
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function table(rows) {
  const head = ['page', ...CATEGORIES.map(([, s]) => s), 'CLS', 'LCP'];
  const body = rows.map((r) => [
    r.kind.slug,
    ...CATEGORIES.map(([id]) => String(r.scores[id] ?? 'ERR')),
    r.lhr?.audits['cumulative-layout-shift']?.displayValue ?? '—',
    (r.lhr?.audits['largest-contentful-paint']?.displayValue ?? '—').replace(/\u00a0/g, ' '),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cols) => cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [fmt(head), ...body.map(fmt)].join('\n');
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

const started = new Date();
const baseUrl = `http://127.0.0.1:${port}/`;
const tmp = await mkdtemp(path.join(os.tmpdir(), 'recpub-lighthouse-'));
const outDir = opts.site ? path.resolve(opts.site) : opts.out ? path.resolve(opts.out) : path.join(tmp, 'site');
let server;
let chrome;
const rows = [];
try {
  if (opts.site) console.log(`== using the built site ${outDir} (must have been built for ${baseUrl})`);
  else console.log(`== build (${baseUrl})\n${buildSite(outDir, baseUrl)}`);
  server = await serveOnPort(outDir, port);
  await mkdir(path.join(tmp, 'profile'));
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    // lib.mjs's flags: headless, no sandbox (root), and no background traffic to Google.
    chromeFlags: CHROMIUM_ARGS,
    userDataDir: path.join(tmp, 'profile'),
    logLevel: 'silent',
  });
  if (opts['json-dir']) await mkdir(opts['json-dir'], { recursive: true });
  console.log(`== lighthouse (${kinds.length} pages${runs > 1 ? ` × ${runs} runs` : ''})`);
  for (const kind of kinds) {
    const url = server.url + kind.path;
    const t0 = Date.now();
    try {
      const lhr = await auditMedian(url, chrome.port);
      const scores = Object.fromEntries(CATEGORIES.map(([id]) => [id, score100(lhr.categories[id]?.score)]));
      rows.push({ kind, lhr, scores });
      if (opts['json-dir']) {
        await writeFile(path.join(opts['json-dir'], `${kind.slug}.json`), JSON.stringify(lhr, null, 1));
      }
      console.log(`${kind.slug.padEnd(24)} ${CATEGORIES.map(([id, s]) => `${s} ${scores[id]}`).join('  ')}  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      rows.push({ kind, lhr: null, scores: {}, error: err.message });
      console.log(`${kind.slug.padEnd(24)} FAILED: ${err.message}`);
    }
  }
} finally {
  await chrome?.kill();
  await server?.close();
  await rm(tmp, { recursive: true, force: true, maxRetries: 3 });
}

const first = rows.find((r) => r.lhr)?.lhr;
const md = markdown(rows, {
  baseUrl,
  lhVersion: first?.lighthouseVersion ?? '?',
  chromeVersion: first?.environment?.hostUserAgent?.match(/(?:Headless)?Chrome\/[\d.]+/)?.[0] ?? 'Chromium',
  started,
  benchmarkIndex: first?.environment?.benchmarkIndex && Math.round(first.environment.benchmarkIndex),
  loadAvg: os.loadavg().map((x) => x.toFixed(1)).join(' '),
});
await writeFile(opts.results, md);
console.log(`\n${table(rows)}\n\nwrote ${path.relative(process.cwd(), opts.results) || opts.results}`);

const below = rows.filter((r) => r.error || CATEGORIES.some(([id]) => (r.scores[id] ?? -1) < THRESHOLDS[id]));
if (below.length) {
  console.log(`${below.length} page(s) below the thresholds: ${below.map((r) => r.kind.slug).join(', ')}`);
  if (opts.strict) process.exit(1);
}
