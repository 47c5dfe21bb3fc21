// Self-test of the harness: a fixture site with one known problem per page,
// checked through serveDir + checkPage in real Chromium.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPage, launch, serveDir } from './lib.mjs';

const SECRET = 'TOP-SECRET-OUTSIDE-ROOT';

/** A minimal accessible page; `body` goes inside <main>. */
const page = (title, body, head = '') => `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="style.css">${head}</head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

const FIXTURE = {
  'index.html': page('Good page',
    '<p>All fine.</p><img src="pic.svg" alt="A square">', '<script src="app.js"></script>'),
  'noalt.html': page('Missing alt', '<img src="pic.svg">'),
  'wide.html': page('Too wide', '<div style="width: 1000px">Wide block</div>'),
  'error.html': page('Throws',
    '<p>Script below throws.</p><script>throw new Error("boom-123")</script>'),
  'broken.html': page('Broken link',
    '<p>Missing stylesheet.</p>', '<link rel="stylesheet" href="missing.css">'),
  '404.html': page('Not found', '<p>FIXTURE-404-BODY</p>'),
  'about/index.html': page('About', '<p>About us.</p>'),
  'style.css': 'body { font-family: sans-serif; margin: 0 1rem; }\n',
  'app.js': 'document.documentElement.dataset.js = "ok";\n',
  'data.json': '{"ok": true}\n',
  'data.csv': 'a,b\n1,2\n',
  'feed.xml': '<?xml version="1.0"?><feed/>\n',
  'robots.txt': 'User-agent: *\n',
  'pic.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    + '<rect width="10" height="10"/></svg>\n',
};

let tmp, siteDir, browser, server, subServer;

/** GET with the path sent verbatim (fetch/URL would normalise `..` away). */
function rawGet(base, rawPath) {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Assert a single-width result shows exactly the expected problems, no others. */
function assertOnly(result, { errors = [], axe = [], overflowX = false } = {}) {
  const where = `${result.url} @${result.width}px`;
  const errs = JSON.stringify(result.consoleErrors);
  assert.equal(result.consoleErrors.length, errors.length, `${where}: ${errs}`);
  errors.forEach((re, i) => assert.match(result.consoleErrors[i], re, where));
  const ids = result.axeViolations.map((v) => v.id);
  assert.deepEqual(ids, axe, `${where}: ${JSON.stringify(result.axeViolations)}`);
  assert.equal(result.overflowX, overflowX, `${where}: overflowX`);
}

before(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'browser-selftest-'));
  siteDir = path.join(tmp, 'site');
  await writeFile(path.join(tmp, 'secret.txt'), SECRET);
  for (const [name, content] of Object.entries(FIXTURE)) {
    const file = path.join(siteDir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  server = await serveDir(siteDir);
  subServer = await serveDir(siteDir, { basePath: '/lanzarote/' });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await subServer?.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('checkPage', () => {
  // Runs first on purpose: the fixture declares no icon, so this is the page
  // on which Chromium requests /favicon.ico, which checkPage must not report.
  it('reports nothing on the good page, at both default widths', async () => {
    const results = await checkPage(browser, server.url);
    assert.deepEqual(results.map((r) => r.width), [390, 1280]);
    for (const r of results) assertOnly(r);
  });

  it('reports the missing alt as an axe violation with its target', async () => {
    const [r] = await checkPage(browser, `${server.url}noalt.html`, { widths: [390] });
    assertOnly(r, { axe: ['image-alt'] });
    const [v] = r.axeViolations;
    assert.equal(v.impact, 'critical');
    assert.ok(v.help.length > 0);
    assert.deepEqual(v.nodes, [['img']]);
  });

  it('reports horizontal overflow at 390px but not at 1280px', async () => {
    const [narrow, wide] = await checkPage(browser, `${server.url}wide.html`);
    assertOnly(narrow, { overflowX: true });
    assertOnly(wide, { overflowX: false });
  });

  it('reports an uncaught JS error', async () => {
    const [r] = await checkPage(browser, `${server.url}error.html`, { widths: [1280] });
    assertOnly(r, { errors: [/^pageerror: .*boom-123/] });
  });

  it('reports a missing same-origin subresource', async () => {
    const [r] = await checkPage(browser, `${server.url}broken.html`, { widths: [1280] });
    // One entry, though Chromium reports it as HTTP 404, console error and abort.
    assertOnly(r, { errors: [/^http 404: .*\/missing\.css$/] });
  });

  it('reports a same-origin 404 for the page itself', async () => {
    const [r] = await checkPage(browser, `${server.url}missing.html`, { widths: [1280] });
    assertOnly(r, { errors: [/^http 404: .*\/missing\.html$/] });
  });

  it('works for a site served under a sub-path', async () => {
    assert.match(subServer.url, /\/lanzarote\/$/);
    for (const r of await checkPage(browser, subServer.url)) assertOnly(r);
  });
});

describe('serveDir', () => {
  it('serves files with the right content types', async () => {
    const expected = {
      '': 'text/html', 'style.css': 'text/css', 'app.js': 'text/javascript',
      'data.json': 'application/json', 'data.csv': 'text/csv', 'feed.xml': 'application/xml',
      'robots.txt': 'text/plain', 'pic.svg': 'image/svg+xml',
    };
    for (const [file, type] of Object.entries(expected)) {
      const res = await rawGet(server.url, `/${file}`);
      assert.equal(res.status, 200, file);
      assert.equal(res.headers['content-type'].split(';')[0], type, file);
    }
  });

  it('maps dir/ to dir/index.html and redirects dir to dir/', async () => {
    const res = await rawGet(server.url, '/about/');
    assert.equal(res.status, 200);
    assert.match(res.body, /<h1>About<\/h1>/);
    const redirect = await rawGet(server.url, '/about?x=1');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.location, '/about/?x=1');
  });

  it('answers a miss with 404 and the site 404.html body', async () => {
    const res = await rawGet(server.url, '/no/such/page.html');
    assert.equal(res.status, 404);
    assert.match(res.body, /FIXTURE-404-BODY/);
  });

  it('refuses path traversal, plain and percent-encoded', async () => {
    // secret.txt sits one level above the site root: one `..` would reach it.
    const attempts = [
      '/../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E%2Fsecret.txt', '/..%2fsecret.txt',
      '/about/../../secret.txt', '/%2e%2e%5csecret.txt', '/%00', '/%zz',
    ];
    for (const [srv, prefix] of [[server, ''], [subServer, '/lanzarote']]) {
      for (const attempt of attempts.map((a) => prefix + a)) {
        const res = await rawGet(srv.url, attempt);
        assert.ok([400, 404].includes(res.status), `${attempt}: status ${res.status}`);
        assert.ok(!res.body.includes(SECRET), `${attempt}: leaked the file`);
      }
    }
  });

  it('serves only under the sub-path when one is given', async () => {
    assert.equal((await rawGet(subServer.url, '/lanzarote/style.css')).status, 200);
    const outside = await rawGet(subServer.url, '/style.css');
    assert.equal(outside.status, 404);
    assert.match(outside.body, /FIXTURE-404-BODY/);
    const bare = await rawGet(subServer.url, '/lanzarote');
    assert.equal(bare.status, 301);
    assert.equal(bare.headers.location, '/lanzarote/');
  });
});
