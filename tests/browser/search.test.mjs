// The search page in real Chromium, as a reader uses it: typing with typos, prefixes and ids,
// facets and their counts, state in the URL (restore, back button), the keyboard, and XSS
// payloads in the URL and in the data, none of which may run. Needs SITE_DIR (the built real
// site, with SITE_BASE_PATH) and XSS_SITE_DIR (the built tests/fixtures/xss site, base "/").

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { AXE_TAGS, launch, openSearch, searchSettled as settled, serveDir, useServedSite } from './lib.mjs';

const siteDir = process.env.SITE_DIR;
const basePath = process.env.SITE_BASE_PATH || '/';
const xssDir = process.env.XSS_SITE_DIR;

async function resultIds(page) {
  return page.$$eval('.result-id', (els) => els.map((e) => e.textContent));
}

async function typeQuery(page, q) {
  await page.fill('#search-q', '');
  await page.type('#search-q', q);
  await settled(page);
}

describe('search page', { skip: siteDir ? false : 'SITE_DIR not set' }, () => {
  const site = useServedSite(siteDir, basePath);
  let page;

  async function open(query = '') {
    let errors;
    ({ page, errors } = await openSearch(site, query));
    return errors;
  }

  it('finds words with a typo, by prefix and by id, and says how many', async () => {
    const errors = await open();
    await typeQuery(page, 'groming');
    assert.equal((await resultIds(page))[0], 'II-10');
    assert.match(await page.textContent('[data-status]'), /^\d+ recommendations? found/);
    await typeQuery(page, 'helpl');
    assert.ok((await resultIds(page)).includes('VI-1'));
    for (const q of ['III-14', 'iii 14', 'iii-14']) {
      await typeQuery(page, q);
      assert.equal((await resultIds(page))[0], 'III-14', q);
    }
    await typeQuery(page, 'zzzzzz');
    assert.equal(await page.textContent('[data-status]'), 'No recommendations found.');
    assert.equal(await page.getAttribute('[data-status]', 'aria-live'), 'polite');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it("marks results with the content's language only when the page's is another", async () => {
    await open('?q=grooming');
    const contentLang = await page.getAttribute('[data-search]', 'data-content-lang');
    const pageLang = await page.getAttribute('html', 'lang');
    const marked = await page.$$eval('.result', (els) => els.map((e) => [
      e.querySelector('.result-link > [lang]')?.lang ?? null,
      e.querySelector('.result-snippet').getAttribute('lang'),
    ]));
    assert.ok(marked.length > 0);
    if (contentLang === null) {
      // One language: the page's own lang says it, and no result repeats it.
      assert.equal(await page.locator('.result [lang]').count(), 0);
    } else {
      assert.notEqual(contentLang, pageLang);
      for (const m of marked) assert.deepEqual(m, [contentLang, contentLang]);
    }
    await page.close();
  });

  it('highlights matches in snippets with mark elements', async () => {
    await open('?q=grooming');
    const marks = await page.$$eval('.result:first-child mark', (els) => els.map((e) => e.textContent.toLowerCase()));
    assert.ok(marks.includes('grooming'), String(marks));
    await page.close();
  });

  it('facets filter, and their counts follow the query', async () => {
    await open('?q=training');
    const total = await page.$$eval('.result', (els) => els.length);
    const label = await page.textContent('label[for="facet-level-require"]');
    const requireCount = Number(label.match(/\((\d+)\)/)[1]);
    assert.ok(requireCount > 0 && requireCount < total, `${requireCount} of ${total}`);
    await page.check('#facet-level-require');
    await settled(page);
    assert.equal((await resultIds(page)).length, requireCount);
    assert.match(page.url(), /[?&]level=require/);
    await typeQuery(page, 'helplines');
    const after = await page.textContent('label[for="facet-level-require"]');
    assert.notEqual(after, label, 'counts change with the query');
    await page.close();
  });

  it('the Party facet: concerns, or designates by name', async () => {
    await open('?party=finland&named=1');
    assert.deepEqual(await resultIds(page), ['VI-3']);
    await page.uncheck('#facet-named');
    await settled(page);
    // All Parties (52) + open (24) + VI-3, as Finland's page counts them; not the three that
    // only may concern it (II-5, whose list is lost, whose lists are incomplete).
    assert.match(await page.textContent('[data-status]'), /^77 recommendations found/);
    while (await page.isVisible('[data-more]')) {
      await page.click('[data-more]');
      await page.waitForTimeout(50);
    }
    const ids = await resultIds(page);
    assert.equal(ids.length, 77);
    assert.ok(ids.includes('II-1') && ids.includes('VI-3'));
    assert.ok(!['II-5', 'X-5', 'X-6'].some((id) => ids.includes(id)), 'may concern, not counted');
    assert.ok(!ids.includes('III-16'), 'III-16 does not concern Finland');
    await page.close();
  });

  it('restores state from the URL and follows back and forward', async () => {
    await open('?q=grooming&level=invite&party=finland');
    assert.equal(await page.inputValue('#search-q'), 'grooming');
    assert.ok(await page.isChecked('#facet-level-invite'));
    assert.equal(await page.inputValue('#facet-party'), 'finland');
    await page.check('#facet-scope-open');
    await settled(page);
    assert.match(page.url(), /scope=open/);
    await page.goBack();
    await settled(page);
    assert.doesNotMatch(page.url(), /scope=open/);
    assert.ok(!(await page.isChecked('#facet-scope-open')));
    await page.goForward();
    await settled(page);
    assert.ok(await page.isChecked('#facet-scope-open'));
    await page.close();
  });

  it('works from the keyboard: arrows, Enter, Escape', async () => {
    await open('?q=training');
    await page.focus('#search-q');
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement.querySelector('.result-id')?.textContent);
    assert.equal(first, (await resultIds(page))[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'search-q');
    const before = await page.textContent('[data-status]');
    await page.keyboard.press('Escape');
    assert.equal(await page.inputValue('#search-q'), '');
    // The cleared box runs the empty query: wait for its results before moving into them.
    await page.waitForFunction((b) => document.querySelector('[data-status]').textContent !== b, before);
    await page.keyboard.press('ArrowDown');
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === href);
    await page.close();
  });

  it('matches most words when not all match, and says so', async () => {
    const errors = await open('?q=kids%20online%20safety%20lessons');
    assert.ok((await resultIds(page)).length > 0);
    assert.equal(await page.textContent('.search-relaxed'), 'No recommendation has all your words; showing those that match most of them.');
    await typeQuery(page, 'grooming');
    assert.equal(await page.$$eval('.search-relaxed', (els) => els.length), 0, 'all words match: no note');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a Party named in the query becomes a removable filter; a Party alone offers its page', async () => {
    await open('?q=Finland%20training');
    assert.match(await page.textContent('.search-party'), /^Concerns Finland/);
    const ids = await resultIds(page);
    assert.ok(ids.includes('III-14') && !ids.includes('III-16'), String(ids));
    await page.click('.party-remove');
    await settled(page);
    assert.match(page.url(), /notparty=finland/);
    assert.equal(await page.$$eval('.search-party', (els) => els.length), 0);
    await typeQuery(page, 'Türkiye');
    const link = await page.$eval('.search-party-page a', (a) => [a.getAttribute('href'), a.textContent]);
    assert.equal(link[0], `${basePath}parties/turkey/`);
    assert.match(link[1], /^Turkey's page/);
    assert.ok((await resultIds(page)).includes('V-17'));
    await page.close();
  });

  it('says which of the reader\'s words it widened, and to what', async () => {
    const errors = await open('?q=sexting');
    const note = await page.textContent('.search-widened');
    assert.match(note, /^Also searched for: .*self-generated sexual images.* \(for “sexting”\)\.$/, note);
    // The words searched are the Committee's, as the thesaurus writes them, each a text node.
    const terms = await page.$$eval('.search-widened strong', (els) => els.map((e) => e.textContent));
    assert.ok(terms.includes('self-generated sexual images'), String(terms));
    // A word read as a near spelling says so too; a query found as typed has no note.
    await typeQuery(page, 'groming');
    assert.match(await page.textContent('.search-widened'), /grooming.* \(for “groming”\)/);
    await typeQuery(page, 'grooming');
    assert.equal(await page.$$eval('.search-widened', (els) => els.length), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a query with no results offers spellings, the Committee\'s terms and browse links', async () => {
    const errors = await open('?q=peadophile');
    assert.equal(await page.textContent('[data-status]'), 'No recommendations found.');
    await page.waitForSelector('.search-help');
    const spellings = await page.$$eval('.search-spelling a', (as) => as.map((a) => a.textContent));
    assert.equal(spellings[0], 'paedophile');
    assert.match(await page.textContent('.search-spelling'), /^Did you mean paedophile(, \w+)*\?$/);
    const terms = await page.$$eval('.search-terms a', (as) => as.map((a) => a.textContent));
    assert.match(await page.textContent('.search-terms'), /^Related terms the Committee uses: /);
    assert.ok(terms.includes('perpetrators'), String(terms));
    assert.ok(!terms.some((t) => spellings.includes(t)), 'a suggestion offered twice');
    const browse = await page.$$eval('.search-help .search-browse a', (as) => as.map((a) => a.getAttribute('href')));
    for (const rel of ['sections/', 'parties/']) assert.ok(browse.includes(`${basePath}${rel}`), String(browse));
    // Each link is a tap target at least 24 px tall.
    const heights = await page.$$eval('.search-help a', (as) => as.map((a) => a.getBoundingClientRect().height));
    for (const h of heights) assert.ok(h >= 24, `a help link ${h} px tall`);
    // A suggestion is a link that runs its query here, and finds something.
    await page.click('.search-spelling a');
    await settled(page);
    assert.equal(await page.inputValue('#search-q'), 'paedophile');
    assert.ok((await resultIds(page)).length > 0);
    assert.match(page.url(), /[?&]q=paedophile/);
    assert.equal(await page.$$eval('.search-help', (els) => els.length), 0);
    // A misspelling whose only suggestion is also a Committee term offers it once.
    await typeQuery(page, 'grromng');
    await page.waitForSelector('.search-help');
    assert.equal(await page.textContent('.search-spelling'), 'Did you mean grooming?');
    assert.equal(await page.$$eval('.search-terms', (els) => els.length), 0);
    // Words that relate to none of the Committee's terms get the list's first terms, each of
    // which finds something.
    await typeQuery(page, 'zzzzzz');
    await page.waitForSelector('.search-terms');
    assert.match(await page.textContent('.search-terms'), /^Terms the Committee uses: /);
    await page.click('.search-terms a');
    await settled(page);
    assert.ok((await resultIds(page)).length > 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('filters that leave nothing offer the results without them', async () => {
    const errors = await open('?q=grooming&section=XI');
    await page.waitForSelector('.search-unfiltered button');
    const label = await page.textContent('.search-unfiltered button');
    assert.match(label, /^Show the \d+ found without the filters$/);
    await page.click('.search-unfiltered button');
    await settled(page);
    assert.equal((await resultIds(page)).length, Number(label.match(/\d+/)[0]));
    assert.doesNotMatch(page.url(), /section=/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a Party named in the query shows in the Party filter', async () => {
    await open('?q=finland%20training');
    assert.equal(await page.inputValue('#facet-party'), 'finland');
    assert.equal(await page.textContent('[data-filter-count]'), '(1)');
    // Choosing "Any Party" takes the filter off, as the note's button does.
    await page.selectOption('#facet-party', '');
    await settled(page);
    assert.match(page.url(), /notparty=finland/);
    assert.equal(await page.inputValue('#facet-party'), '');
    assert.equal(await page.$$eval('.search-party', (els) => els.length), 0);
    await page.close();
  });

  it('the Party note, its page link and the article filter pass axe', async () => {
    for (const q of ['?q=Finland%20training&article=20', '?q=T%C3%BCrkiye', '?q=kids%20online%20safety%20lessons', '?q=sexting', '?q=grromng']) {
      await open(q);
      if (q === '?q=grromng') await page.waitForSelector('.search-help');
      const axePath = join(createRequire(import.meta.url).resolve('axe-core'), '..', 'axe.min.js');
      await page.addScriptTag({ content: readFileSync(axePath, 'utf8') });
      const violations = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
      }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)), AXE_TAGS);
      assert.deepEqual(violations, [], q);
      await page.close();
    }
  });

  it('filters by Convention article', async () => {
    await open('?article=23');
    assert.deepEqual(await resultIds(page), ['IV-8']);
    assert.equal(await page.inputValue('#facet-article'), '23');
    await page.selectOption('#facet-article', '20');
    await settled(page);
    assert.match(page.url(), /article=20/);
    const ids = await resultIds(page);
    assert.ok(ids.includes('II-9') && ids.includes('V-1') && !ids.includes('IV-8'), String(ids));
    await page.close();
  });

  it('exports the current results with the columns of the site\'s CSV', async () => {
    await open('?q=grooming');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export]')]);
    assert.equal(download.suggestedFilename(), 'recommendations-search.csv');
    const exported = readFileSync(await download.path(), 'utf8');
    const site = readFileSync(join(siteDir, 'data/recommendations.csv'), 'utf8').split('\n');
    const row = (id) => site.find((l) => l.startsWith(`${id},`));
    assert.equal(exported, `${[site[0], row('II-10'), row('IV-8')].join('\n')}\n`);
    await page.close();
  });

  it('odd queries render as text and never throw', async () => {
    const errors = await open();
    const rtl = 'حماية الأطفال';
    for (const q of ['<b>bold</b> "unclosed', '"', 'the of and', 'x'.repeat(5000), 'grooming '.repeat(600), '👶🏽 children 🔒', rtl, '\u0000\u202e']) {
      await page.fill('#search-q', q);
      await settled(page);
      assert.equal(await page.inputValue('#search-q'), q);
      assert.match(await page.textContent('[data-status]'), /found/);
    }
    assert.equal(await page.$$eval('main b', (els) => els.length), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a script in the URL stays text', async () => {
    const payload = '<script>window.__xss="url"</script><img src=x onerror="window.__xss=\'img\'">';
    const errors = await open(`?q=${encodeURIComponent(payload)}`);
    assert.equal(await page.inputValue('#search-q'), payload);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.$$eval('main img', (els) => els.length), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the header box on every page sends its query to the search page', async () => {
    page = await site.browser.newPage();
    await page.goto(`${site.server.url}recommendations/iii-16/`);
    await page.fill('#site-search-q', 'grooming');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\/\?q=grooming/);
    await settled(page);
    assert.equal((await resultIds(page))[0], 'II-10');
    await page.close();
  });

  it('without JavaScript the page says so and links to the browse pages', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const p = await context.newPage();
    await p.goto(`${site.server.url}search/?q=grooming`);
    assert.match(await p.textContent('noscript'), /Search needs JavaScript/);
    const hrefs = await p.$$eval('noscript a', (els) => els.map((a) => a.getAttribute('href')));
    assert.ok(hrefs.includes('/lanzarote/recommendations/'.replace('/lanzarote/', basePath)), String(hrefs));
    await context.close();
  });
});

describe('search on data carrying payloads', { skip: xssDir ? false : 'XSS_SITE_DIR not set' }, () => {
  it('no payload in a title or text runs, in results or on the page', async () => {
    const server = await serveDir(xssDir);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}search/?q=payload`);
      await settled(page);
      assert.deepEqual(await resultIds(page), ['II-1']);
      const title = await page.textContent('.result-link');
      assert.match(title, /<img src=x onerror=/, 'the title is shown as text');
      assert.match(await page.textContent('.result-snippet'), /<script>/);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      await page.goto(`${server.url}recommendations/ii-1/`);
      assert.equal(await page.evaluate(() => window.__xss), undefined);
      assert.equal(await page.$$eval('main img, main script', (els) => els.length), 0);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
