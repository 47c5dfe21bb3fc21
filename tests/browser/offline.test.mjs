// The offline edition opened straight from its folder (file://) in Chromium, as a reader with
// no server would: pages reached by clicking links, search with its URL state, facets and
// export, with no console error and no axe violation. Needs OFFLINE_SITE_DIR (the output of
// `recpub build --offline`); skips without it.

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AXE_TAGS, launch } from './lib.mjs';

const siteDir = process.env.OFFLINE_SITE_DIR;
/** The file:// address of a file of the site, with an optional `?query`. */
function fileUrl(rel) {
  const [file, query] = rel.split('?');
  return pathToFileURL(path.join(path.resolve(siteDir), file)).href + (query ? `?${query}` : '');
}

const require = createRequire(import.meta.url);
const axeSource = readFile(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

/**
 * axe-core as lib.mjs runs it, but without its stylesheet preload: axe reads stylesheets with
 * XMLHttpRequest, which file:// refuses (a console error that is axe's, not the page's). The
 * one rule that needs it (css-orientation-lock) is checked on the served site.
 */
async function axeViolations(page) {
  await page.addScriptTag({ content: await axeSource });
  return page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false,
  }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)), AXE_TAGS);
}

/** A page that records console errors and uncaught exceptions. */
async function openPage(browser, width = 1280) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Waits until the search page shows results, and returns their ids. */
async function resultIds(page) {
  await page.waitForSelector('[data-results] li .result-id');
  return page.$$eval('[data-results] .result-id', (els) => els.map((e) => e.textContent));
}

describe('offline edition from file://', { skip: siteDir ? false : 'OFFLINE_SITE_DIR not set' }, () => {
  let browser;
  before(async () => { browser = await launch(); });
  after(async () => { await browser?.close(); });

  for (const [kind, rel] of [
    ['home', 'index.html'],
    ['recommendation', 'recommendations/iii-16/index.html'],
    ['party', 'parties/finland/index.html'],
    ['data', 'data/index.html'],
    ['search', 'search/index.html?q=grooming'],
  ]) {
    it(`${kind} page has no errors, axe violations or overflow`, async () => {
      for (const width of [390, 1280]) {
        const { page, errors } = await openPage(browser, width);
        await page.goto(fileUrl(rel));
        if (kind === 'search') await resultIds(page);
        assert.deepEqual(await axeViolations(page), [], `axe violations on ${rel} at ${width}px`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        assert.equal(overflow, false, `horizontal overflow on ${rel} at ${width}px`);
        assert.deepEqual(errors, [], `console errors on ${rel} at ${width}px`);
        await page.close();
      }
    });
  }

  it('home → a recommendation → a Party page, by clicking links, styled', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(fileUrl('index.html'));
    // The stylesheet loaded: the header is not the browser's default transparent.
    const header = await page.$eval('.site-header', (e) => getComputedStyle(e).backgroundColor);
    assert.notEqual(header, 'rgba(0, 0, 0, 0)');
    await page.locator('.nav-row a', { hasText: 'Recommendations' }).click();
    await page.waitForURL(/\/recommendations\/index\.html$/);
    await page.locator('a.rec-link', { hasText: 'III-16' }).first().click();
    await page.waitForURL(/\/recommendations\/iii-16\/index\.html$/);
    assert.match(await page.title(), /III-16/);
    const albania = page.locator('main a[href$="parties/albania/index.html"]').first();
    if (!(await albania.isVisible())) {
      await page.locator('details:has(a[href$="parties/albania/index.html"]) > summary').first().click();
    }
    await albania.click();
    await page.waitForURL(/\/parties\/albania\/index\.html$/);
    assert.match(await page.textContent('h1'), /Albania/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the header search box leads to results, and facets filter them with the URL', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(fileUrl('index.html'));
    await page.fill('#site-search-q', 'grooming');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\/index\.html\?q=grooming$/);
    const all = await resultIds(page);
    assert.ok(all.length > 0, 'results for grooming');
    assert.match(await page.textContent('[data-status]'), /found/);
    // A level that some results have and others do not: checking it narrows the list.
    const level = await page.$eval('[data-results] .badge', (e) => /level-(\w+)/.exec(e.className)[1]);
    await page.check(`#facet-level-${level}`);
    await page.waitForURL(new RegExp(`level=${level}`));
    await page.waitForFunction((l) => [...document.querySelectorAll('[data-results] .badge')]
      .every((b) => b.classList.contains(`level-${l}`)), level);
    const label = await page.textContent(`label[for=facet-level-${level}]`);
    const shown = await page.$$eval('[data-results] li', (els) => els.length);
    assert.ok(shown > 0 && label.includes(`(`), label);
    // The Party facet, and the page reloaded from its own URL (state in the query).
    await page.selectOption('#facet-party', 'finland');
    await page.waitForURL(/party=finland/);
    await page.reload();
    await resultIds(page);
    assert.equal(await page.inputValue('#search-q'), 'grooming');
    assert.equal(await page.inputValue('#facet-party'), 'finland');
    assert.ok(await page.isChecked(`#facet-level-${level}`));
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a result opens its recommendation, and the export is made offline too', async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(fileUrl('search/index.html?q=III-16'));
    const ids = await resultIds(page);
    assert.equal(ids[0], 'III-16');
    const download = page.waitForEvent('download');
    await page.click('[data-export]');
    const csv = await (await download).createReadStream();
    let text = '';
    for await (const chunk of csv) text += chunk;
    assert.match(text.split('\n')[1], /^III-16,/);
    await page.locator('a.result-link').first().click();
    await page.waitForURL(/\/recommendations\/iii-16\/index\.html$/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
