// The built site in real Chromium: one page of every kind at phone and desktop widths (no
// console errors, no axe violations, no horizontal overflow), plus what a person reads on
// Finland's page and in the home matrix. Needs SITE_DIR (the built output) and, when the site
// was built with a sub-path base URL, SITE_BASE_PATH (e.g. /lanzarote/); skips without them.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPage, useServedSite } from './lib.mjs';

const siteDir = process.env.SITE_DIR;
const basePath = process.env.SITE_BASE_PATH || '/';

// One page of every kind (404.html is fetched directly: served for a miss it answers 404,
// which the checker would count as an error).
const PAGES = [
  ['home', ''],
  ['recommendation', 'recommendations/iii-16/'],
  ['recommendation with sector lists', 'recommendations/x-5/'],
  ['party', 'parties/finland/'],
  ['party brief', 'parties/finland/brief/'],
  ['section', 'sections/vi/'],
  ['level', 'levels/require/'],
  ['recommendations index', 'recommendations/'],
  ['recommendations by addressees', 'recommendations/by-addressees/'],
  ['shared list of one kind of addressees', 'recommendations/by-addressees/all/'],
  ['parties index', 'parties/'],
  ['sections index', 'sections/'],
  ['levels index', 'levels/'],
  ['about', 'about/'],
  ['data', 'data/'],
  ['cite', 'cite/'],
  ['accessibility', 'accessibility/'],
  ['search', 'search/?q=grooming'],
  ['change history', 'changes/'],
  ['release with before and after', 'changes/1.1/'],
  ['404', '404.html'],
];

describe('built site', { skip: siteDir ? false : 'SITE_DIR not set' }, () => {
  const site = useServedSite(siteDir, basePath);

  for (const [kind, rel] of PAGES) {
    it(`${kind} page (${rel || '/'}) has no errors, axe violations or overflow`, async () => {
      const results = await checkPage(site.browser, site.server.url + rel);
      for (const r of results) {
        const where = `${rel || '/'} at ${r.width}px`;
        assert.deepEqual(r.consoleErrors, [], `console errors on ${where}`);
        assert.deepEqual(r.axeViolations, [], `axe violations on ${where}`);
        assert.equal(r.overflowX, false, `horizontal overflow on ${where}`);
      }
    });
  }

  it('serves the favicon and the 404 page for a missing address', async () => {
    const icon = await fetch(site.server.url + 'favicon.svg');
    assert.equal(icon.status, 200);
    assert.match(icon.headers.get('content-type'), /image\/svg\+xml/);
    const miss = await fetch(site.server.url + 'no/such/page/');
    assert.equal(miss.status, 404);
    assert.match(await miss.text(), /Page not found/);
  });

  it("Finland's designated group holds exactly VI-3, and II-5, X-5, X-6 only may concern it", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.url + 'parties/finland/');
      const ids = (sel) => page.$$eval(`${sel} .rec-id`, (as) => as.map((a) => a.textContent.trim()));
      assert.deepEqual(await ids('section.group-designated'), ['VI-3']);
      assert.deepEqual(await ids('section.group-uncertain'), ['II-5', 'X-5', 'X-6']);
      assert.ok(!(await ids('section.group-not-designated')).includes('II-5'));
      const heading = await page.textContent('#uncertain');
      assert.match(heading, /^\(e\) May concern \(3\)$/);
    } finally {
      await page.close();
    }
  });

  it('the home matrix shows 1 for Finland in section VI, linking to its group', async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.url);
      const cell = await page.evaluate(() => {
        const table = document.querySelector('table.matrix');
        // Section columns are headed by the id and the section's name.
        const cols = [...table.querySelectorAll('thead th')]
          .map((th) => (th.querySelector('.sec-id') ?? th).textContent.trim());
        const row = [...table.querySelectorAll('tbody tr')]
          .find((tr) => tr.querySelector('th').textContent.trim() === 'Finland');
        const td = row.children[cols.indexOf('VI')];
        return { n: td.querySelector('.n').textContent, href: td.querySelector('a')?.getAttribute('href'),
          total: [...row.querySelectorAll('.n')].reduce((s, n) => s + Number(n.textContent), 0) };
      });
      assert.equal(cell.n, '1');
      assert.equal(cell.total, 1);
      assert.equal(cell.href, `${basePath}parties/finland/#designated-vi`);
      await page.click(`a[href="${cell.href}"]`);
      assert.equal(await page.evaluate(() => location.hash), '#designated-vi');
    } finally {
      await page.close();
    }
  });
});

// Long lists, on a site built from `recpub synth --scale 10` (SCALED_SITE_DIR; its base path is
// SITE_BASE_PATH too): paginated listings and a Party page whose long groups show their counts
// by section. Skips without it.
const scaledDir = process.env.SCALED_SITE_DIR;
const SCALED_PAGES = [
  ['party with long groups', 'parties/finland/'],
  ["a Party's long group", 'parties/finland/not-designated/'],
  ['page 2 of a shared list', 'recommendations/by-addressees/all/page/2/'],
  ['page 2 of a section', 'sections/iii/page/2/'],
  ['full list split by section', 'recommendations/'],
];

describe('built site at 10 times the size', { skip: scaledDir ? false : 'SCALED_SITE_DIR not set' }, () => {
  const site = useServedSite(scaledDir, basePath);

  for (const [kind, rel] of SCALED_PAGES) {
    it(`${kind} (${rel}) has no errors, axe violations or overflow`, async () => {
      const results = await checkPage(site.browser, site.server.url + rel);
      for (const r of results) {
        const where = `${rel} at ${r.width}px`;
        assert.deepEqual(r.consoleErrors, [], `console errors on ${where}`);
        assert.deepEqual(r.axeViolations, [], `axe violations on ${where}`);
        assert.equal(r.overflowX, false, `horizontal overflow on ${where}`);
      }
    });
  }

  it('a paginated list links its pages: previous, next, and the current one marked', async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.url + 'recommendations/by-addressees/all/page/2/');
      const navs = await page.$$('nav.pagination');
      assert.equal(navs.length, 2);
      const current = await page.$$eval('nav.pagination [aria-current="page"]', (as) => as.map((a) => a.textContent));
      assert.deepEqual(current, ['2', '2']);
      const prev = await page.getAttribute('nav.pagination a[rel="prev"]', 'href');
      assert.equal(prev, basePath + 'recommendations/by-addressees/all/');
      const next = await page.getAttribute('nav.pagination a[rel="next"]', 'href');
      assert.equal(next, basePath + 'recommendations/by-addressees/all/page/3/');
      assert.equal(await page.getAttribute('link[rel="prev"]', 'href'), prev);
    } finally {
      await page.close();
    }
  });

  it("a Party page's long group links each section to where it starts in the shared list", async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(site.server.url + 'parties/finland/');
      assert.equal(await page.$$eval('section.group-all .rec-list li', (l) => l.length), 0);
      const link = page.locator('section.group-all .section-counts a').nth(1);
      const [count] = (await page.locator('section.group-all .section-counts .count').nth(1).textContent()).match(/\d+/);
      await link.click();
      await page.waitForLoadState();
      const target = decodeURIComponent(new URL(page.url()).hash.slice(1));
      assert.match(target, /^section-/);
      // The section's heading is on the page the link opened, followed by its items.
      const items = await page.$$eval(`#${target} ~ .rec-list li`, (l) => l.length);
      assert.ok(items > 0 && items <= Number(count), `${items} items under #${target}`);
    } finally {
      await page.close();
    }
  });
});
