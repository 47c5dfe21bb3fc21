// The search page against an index of another format version, in real Chromium: the page must
// not read it. One clear console error, no results, the browse links shown, and the form still
// a plain form (submitting it loads the page with ?q=). Needs SITE_DIR (the built real site,
// with SITE_BASE_PATH); a copy of it whose entry file says another version is served.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serveDir } from './lib.mjs';
import { FORMAT_VERSION } from '../../themes/default/static/search-engine.js';

const siteDir = process.env.SITE_DIR;
const basePath = process.env.SITE_BASE_PATH || '/';

/** A page that records console errors and uncaught exceptions. */
async function open(browser, url) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  return { page, errors };
}

describe('search with an index of another format version', { skip: siteDir ? false : 'SITE_DIR not set' }, () => {
  let copy;
  let server;
  let good;
  let browser;

  before(async () => {
    copy = mkdtempSync(join(tmpdir(), 'recpub-version-'));
    cpSync(siteDir, copy, { recursive: true });
    const dir = join(copy, 'search');
    const name = readdirSync(dir).find((f) => /^index\.[0-9a-f]{10}\.json$/.test(f));
    const entry = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    assert.equal(entry.v, FORMAT_VERSION, 'the built index has the engine\'s version');
    entry.v = FORMAT_VERSION + 1;
    writeFileSync(join(dir, name), JSON.stringify(entry));
    server = await serveDir(copy, { basePath });
    good = await serveDir(siteDir, { basePath });
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await good?.close();
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('logs one clear error and shows the browse links instead of results', async () => {
    const { page, errors } = await open(browser, `${server.url}search/?q=grooming`);
    await page.waitForSelector('[data-fallback-shown]');
    await page.waitForTimeout(300); // any late error or result would show by now
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0], new RegExp(`format version ${FORMAT_VERSION + 1}, this script reads version ${FORMAT_VERSION}`));
    assert.equal(await page.locator('[data-results] li').count(), 0);
    assert.equal(await page.locator('.search-ready').count(), 0);
    assert.equal(await page.textContent('[data-status]'), 'Search could not be loaded.');
    const links = await page.$$eval('[data-fallback-shown] a', (as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['recommendations/', 'sections/', 'levels/', 'parties/'].map((p) => `${basePath}${p}`));
    assert.ok(await page.isVisible('[data-fallback-shown]'));
    // The form is the server-rendered one: submitting it loads the page, no script intercepts it.
    await page.fill('#search-q', 'helplines');
    await Promise.all([page.waitForURL(/\?q=helplines$/), page.press('#search-q', 'Enter')]);
    await page.waitForSelector('[data-fallback-shown]');
    await page.close();
  });

  it('shows no fallback when the versions agree', async () => {
    const { page, errors } = await open(browser, `${good.url}search/?q=grooming`);
    await page.waitForSelector('[data-results] li');
    assert.equal(await page.locator('[data-fallback-shown]').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
