// Browser-test harness: a tiny static file server, a Chromium launcher and a
// per-page checker (console/page errors, axe-core violations, horizontal
// overflow). Only Node built-ins plus playwright-core and axe-core.

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------
// Static server
// ---------------------------------------------------------------------------

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** '/lanzarote' or 'lanzarote/' -> '/lanzarote/'; '' or '/' -> '/'. */
function normalizeBase(basePath) {
  const trimmed = String(basePath).replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** True when `target` is `root` itself or lies beneath it. */
function isInside(root, target) {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return target === root || target.startsWith(prefix);
}

/**
 * Map the raw request path (below the base) to a candidate path in `root`.
 * Decoding happens *before* the containment check, so `%2e%2e` and `%2f`
 * cannot sneak a `..` segment past it.
 */
function decodeToCandidate(root, relPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(relPath);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  const candidate = path.join(root, decoded);
  return isInside(root, candidate) ? { candidate } : { status: 404 };
}

/** Stat `candidate`; realpath makes symlinks pointing out of root a miss too. */
async function locate(root, candidate) {
  try {
    const real = await realpath(candidate);
    if (!isInside(root, real)) return { status: 404 };
    return (await stat(real)).isDirectory() ? { dir: real } : { file: real };
  } catch {
    return { status: 404 };
  }
}

async function sendFile(req, res, file, status = 200) {
  const info = await stat(file);
  res.writeHead(status, {
    'Content-Type': contentType(file),
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(file).pipe(res);
}

async function sendNotFound(req, res, root, status = 404) {
  const page = path.join(root, '404.html');
  try {
    await sendFile(req, res, page, status);
  } catch {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(status === 400 ? 'Bad request\n' : 'Not found\n');
  }
}

function redirect(res, location) {
  res.writeHead(301, { Location: location });
  res.end();
}

async function handle(req, res, root, base) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    return res.end();
  }
  // Use the raw request target: the `URL` parser would collapse `/../`
  // and hide exactly the traversal attempts we must refuse.
  const q = req.url.indexOf('?');
  const rawPath = q === -1 ? req.url : req.url.slice(0, q);
  const search = q === -1 ? '' : req.url.slice(q);
  if (rawPath === base.slice(0, -1)) return redirect(res, base + search);
  if (!rawPath.startsWith(base)) return sendNotFound(req, res, root);

  const decoded = decodeToCandidate(root, rawPath.slice(base.length));
  if (decoded.status) return sendNotFound(req, res, root, decoded.status);
  const found = await locate(root, decoded.candidate);
  if (found.status) return sendNotFound(req, res, root, found.status);
  if (found.file) return sendFile(req, res, found.file);
  // Directory: like GitHub Pages, add the slash so relative links resolve.
  if (!rawPath.endsWith('/')) return redirect(res, `${rawPath}/${search}`);
  const index = await locate(root, path.join(found.dir, 'index.html'));
  return index.file ? sendFile(req, res, index.file) : sendNotFound(req, res, root);
}

/**
 * Serve `root` on 127.0.0.1 at a random port, under `basePath`.
 * @returns {Promise<{url: string, close: () => Promise<void>}>} url ends in basePath.
 */
export async function serveDir(root, { basePath = '/' } = {}) {
  const realRoot = await realpath(path.resolve(root));
  const base = normalizeBase(basePath);
  const server = createServer((req, res) => {
    handle(req, res, realRoot, base).catch((err) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`Internal error: ${err.message}\n`);
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // keep-alive sockets would block close()
      }),
  };
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// The network is closed: without the background-networking flags Chromium
// keeps trying to reach update/sync/field-trial servers, which is slow and noisy.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // running as root in a container
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch Debian's Chromium via playwright-core (never a downloaded browser). */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Inside a `describe`: serves `dir` under `basePath` and launches Chromium before the suite's
 * tests, and closes both after them. The returned object's `server` and `browser` are set once
 * the suite has started.
 */
export function useServedSite(dir, basePath) {
  const site = { server: null, browser: null };
  before(async () => {
    site.server = await serveDir(dir, { basePath });
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Waits until the search page has answered its current query: engine ready, status written. */
export async function searchSettled(page) {
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-status]');
    return s && s.textContent.trim() !== '' && document.querySelector('.search-ready');
  });
  await page.waitForTimeout(150); // the input handler debounces by 60 ms
  await page.waitForFunction(() => document.querySelector('[data-status]').textContent.trim() !== '');
}

/**
 * Opens the search page of `site` (from `useServedSite`) with `query` ("?q=…", or none) in a
 * new page and waits until it has answered; returns the page and the errors it logs meanwhile
 * and after (scripts' exceptions and console errors).
 */
export async function openSearch(site, query = '') {
  const page = await site.browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${site.server.url}search/${query}`);
  await searchSettled(page);
  return { page, errors };
}

// ---------------------------------------------------------------------------
// Page checks
// ---------------------------------------------------------------------------

// 'wcag22a' has no rules in axe 4.x yet but axe accepts it; listing it means
// new WCAG 2.2 A rules are picked up on upgrade without touching this file.
export const AXE_TAGS = [
  'wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice',
];

let axeSource;
async function axeScript() {
  // The package's main is axe.js; the minified build sits beside it.
  axeSource ??= await readFile(
    path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'),
    'utf8',
  );
  return axeSource;
}

/**
 * Record console errors, uncaught exceptions and failed same-origin requests
 * as `{kind, text, resource}`; `resource` is the URL the error is about, if any.
 */
function collectErrors(page, origin) {
  const errors = [];
  const add = (kind, text, resource) => errors.push({ kind, text: `${kind}: ${text}`, resource });
  const sameOrigin = (u) => new URL(u).origin === origin;
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // For "Failed to load resource" the location is the failing resource.
    const resource = msg.location()?.url || undefined;
    add('console', resource ? `${msg.text()} (${resource})` : msg.text(), resource);
  });
  page.on('pageerror', (err) => add('pageerror', err.message));
  page.on('requestfailed', (req) => {
    if (!sameOrigin(req.url())) return;
    add('requestfailed', `${req.url()} (${req.failure()?.errorText})`, req.url());
  });
  page.on('response', (resp) => {
    if (resp.status() < 400 || !sameOrigin(resp.url())) return;
    add(`http ${resp.status()}`, resp.url(), resp.url());
  });
  return errors;
}

/**
 * One missing stylesheet shows up three times (HTTP 404, a console "Failed to
 * load resource", and an ERR_ABORTED request failure): keep one entry per
 * resource, the most informative, at the place of its first report.
 */
const rank = (e) => (e.kind.startsWith('http') ? 0 : e.kind === 'requestfailed' ? 1 : 2);
function onePerResource(errors) {
  const out = [];
  const slot = new Map(); // resource -> index in out
  for (const e of errors) {
    if (!e.resource) out.push(e);
    else if (!slot.has(e.resource)) slot.set(e.resource, out.push(e) - 1);
    else if (rank(e) < rank(out[slot.get(e.resource)])) out[slot.get(e.resource)] = e;
  }
  return out;
}

/**
 * Chromium fetches each icon URL (declared `rel=icon`, else /favicon.ico) only
 * once per browser, whichever page comes first, so icon errors would depend on
 * test order. They are left out; check icons over plain HTTP instead.
 */
async function iconUrls(page) {
  const declared = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel~="icon" i]')].map((l) => l.href));
  return new Set([...declared, new URL('/favicon.ico', page.url()).href]);
}

async function runAxe(page) {
  await page.addScriptTag({ content: await axeScript() });
  const results = await page.evaluate(
    (tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    }),
    AXE_TAGS,
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target),
  }));
}

async function checkAtWidth(browser, url, width) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  try {
    const page = await context.newPage();
    const errors = collectErrors(page, new URL(url).origin);
    await page.goto(url, { waitUntil: 'load' });
    const axeViolations = await runAxe(page);
    const overflowX = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    const icons = await iconUrls(page);
    const consoleErrors = onePerResource(errors.filter((e) => !icons.has(e.resource)))
      .map((e) => e.text);
    return { url, width, consoleErrors, axeViolations, overflowX };
  } finally {
    await context.close();
  }
}

/**
 * Load `url` at each viewport width (a fresh context each) and report problems.
 * @returns {Promise<Array<{url, width, consoleErrors: string[],
 *   axeViolations: {id, impact, help, nodes}[], overflowX: boolean}>>}
 */
export async function checkPage(browser, url, { widths = [390, 1280] } = {}) {
  const results = [];
  for (const width of widths) results.push(await checkAtWidth(browser, url, width));
  return results;
}
