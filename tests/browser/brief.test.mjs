// A Party's brief in Chromium: Finland's brief holds the Committee's text of every
// recommendation that concerns Finland (worked out here from data/recommendations.json, not
// from the brief's own groups), each with its level, footnotes and address; it is linked from
// the Party page's first screen; printed on A4 it keeps every text and stays a readable
// length; its download is one self-contained file with the same texts; the Party's CSV
// carries the same texts. Needs SITE_DIR (and SITE_BASE_PATH for a sub-path build).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkPage, useServedSite } from './lib.mjs';

const siteDir = process.env.SITE_DIR;
const basePath = process.env.SITE_BASE_PATH || '/';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

/** How many pages a PDF has. */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;

/** White space collapsed, ends trimmed. */
const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** Parses CSV text (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (c !== '\r') cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

/**
 * The recommendations that concern a Party, from the open data alone: addressed to all
 * Parties, open, naming the Party, or designated by a list the source does not keep whole
 * that does not name it (it may concern the Party). Only a complete list that leaves the
 * Party out does not.
 */
function concerning(recs, name) {
  return recs.filter((r) => r.scope !== 'designated' || r.parties.includes(name) || r.list_status !== 'complete');
}

describe('a Party\'s brief', { skip: siteDir ? false : 'SITE_DIR not set' }, () => {
  const site = useServedSite(siteDir, basePath);
  const recs = JSON.parse(readFileSync(path.join(siteDir, 'data/recommendations.json'), 'utf8'));
  const finland = concerning(recs, 'Finland');

  async function onPage(rel, viewport, fn, options = {}) {
    const context = await site.browser.newContext({ viewport, ...options });
    try {
      const page = await context.newPage();
      await page.goto(site.server.url + rel, { waitUntil: 'load' });
      return await fn(page);
    } finally {
      await context.close();
    }
  }

  /** Each entry of the page: its id, level word, main text (footnotes and markers left out), footnotes and address. */
  const entries = (page) => page.$$eval('article.brief-rec', (arts) => arts.map((a) => {
    const quote = a.querySelector('blockquote.committee-text').cloneNode(true);
    const notes = [...quote.querySelectorAll('.footnote')].map((f) => {
      const label = f.querySelector('.footnote-label').textContent;
      f.querySelector('.footnote-label').remove();
      return `${label}: ${f.textContent}`;
    });
    quote.querySelectorAll('.footnote, sup.footnote-ref').forEach((e) => e.remove());
    return {
      id: a.querySelector('.rec-id').textContent,
      level: a.querySelector('.badge').textContent,
      text: quote.textContent,
      notes,
      url: a.querySelector('.brief-rec-url a').getAttribute('href'),
      group: a.closest('section').id || a.closest('section').getAttribute('aria-labelledby'),
    };
  }));

  it('holds the Committee\'s text of every recommendation that concerns Finland, and no other', async () => {
    assert.ok(finland.length > 0 && finland.length < recs.length, `${finland.length} of ${recs.length}`);
    const got = await onPage('parties/finland/brief/', LAPTOP, entries);
    assert.equal(got.length, finland.length, 'each once');
    assert.deepEqual(new Set(got.map((e) => e.id)), new Set(finland.map((r) => r.id)));
    // Within each group, report order.
    const order = new Map(recs.map((r, k) => [r.id, k]));
    for (const [k, e] of got.entries()) {
      const prev = got[k - 1];
      if (prev && prev.group === e.group) assert.ok(order.get(prev.id) < order.get(e.id), `${prev.id} before ${e.id}`);
    }
    const byId = new Map(recs.map((r) => [r.id, r]));
    for (const e of got) {
      const r = byId.get(e.id);
      assert.equal(squash(e.text), squash(r.text), `${e.id}: text`);
      assert.deepEqual(e.notes.map(squash), r.footnotes.map((f) => squash(`${f.label}: ${f.text}`)), `${e.id}: footnotes`);
      assert.ok(e.level.length > 0, `${e.id}: a level word, not only a shade`);
      assert.ok(r.url.endsWith(e.url) || e.url === r.url, `${e.id}: address ${e.url} vs ${r.url}`);
    }
  });

  it('is linked from the first screen of the Party page, on a phone too', async () => {
    await onPage('parties/finland/', PHONE, async (p) => {
      const link = p.locator('.party-summary a[href$="parties/finland/brief/"]');
      assert.equal(await link.count(), 1);
      const box = await link.boundingBox();
      assert.ok(box.y + box.height <= PHONE.height, `the link ends at ${box.y + box.height} px`);
      assert.ok(box.height >= 24, `${box.height} px tall`);
    });
  });

  it('prints on A4 with every text, the address and the edition, and no navigation', async () => {
    const { pdf, visible, head } = await onPage('parties/finland/brief/', LAPTOP, async (p) => {
      await p.emulateMedia({ media: 'print' });
      const visible = await p.$$eval('article.brief-rec blockquote.committee-text', (qs) =>
        qs.filter((q) => q.getBoundingClientRect().height > 0).length);
      assert.ok(!(await p.isVisible('.site-nav')) && !(await p.isVisible('#site-search-q')));
      assert.ok(!(await p.isVisible('.brief-downloads')));
      // Type one reads on paper: the Committee's words at 10 pt or more.
      const size = await p.$eval('article.brief-rec blockquote p', (e) => parseFloat(getComputedStyle(e).fontSize));
      assert.ok(size >= 13.3, `text at ${size} px`);
      return { pdf: await p.pdf({ format: 'A4' }), visible, head: await p.textContent('.print-head') };
    });
    assert.equal(visible, finland.length, 'every text is printed');
    assert.match(head, new RegExp(`Printed from .*${basePath}parties/finland/brief/`));
    const pages = pdfPages(pdf);
    // 80 texts with their footnotes, 18 pages in Chromium: four or five texts a page. Printed,
    // they stay a brief one can take to a meeting, not a book.
    console.log(`# Finland's brief printed on A4: ${pages} pages, ${finland.length} texts`);
    assert.ok(pages <= Math.ceil(finland.length / 4), `${pages} pages for ${finland.length} texts`);
  });

  it('downloads as one file with the same texts, that fetches nothing', async () => {
    const page = await onPage('parties/finland/brief/', LAPTOP, async (p) => ({
      href: await p.getAttribute('a[download]', 'href'),
      name: await p.getAttribute('a[download]', 'download'),
      ids: (await entries(p)).map((e) => e.id),
    }));
    assert.equal(page.name, 'finland-brief.html');
    const context = await site.browser.newContext({ viewport: LAPTOP });
    try {
      const p = await context.newPage();
      const requests = [];
      p.on('request', (req) => requests.push(req.url()));
      const url = new URL(page.href, site.server.url).href;
      await p.goto(url, { waitUntil: 'load' });
      assert.deepEqual((await entries(p)).map((e) => e.id), page.ids);
      assert.equal(await p.locator('script, link[rel="stylesheet"], img').count(), 0);
      assert.match(await p.textContent('h1'), /Finland/);
      // The file itself, and nothing else (the favicon Chromium asks for on its own aside).
      assert.deepEqual(requests.filter((u) => !u.endsWith('/favicon.ico')), [url]);
    } finally {
      await context.close();
    }
  });

  it('has the same texts in the Party\'s CSV', async () => {
    const rows = parseCsv(readFileSync(path.join(siteDir, 'parties/finland/recommendations.csv'), 'utf8'));
    assert.equal(rows.length, recs.length, 'every recommendation has a row');
    const byId = new Map(recs.map((r) => [r.id, r]));
    for (const row of rows) {
      const r = byId.get(row.id);
      assert.equal(row.text, r.text.replace(/^[=+\-@\t\r]/, "'$&"), `${row.id}: text`);
      assert.equal(row.footnotes, r.footnotes.map((f) => `${f.label}: ${f.text}`).join('; '), `${row.id}: footnotes`);
    }
    const inBrief = rows.filter((r) => r.group !== 'not-designated').map((r) => r.id);
    assert.deepEqual(new Set(inBrief), new Set(finland.map((r) => r.id)));
  });

  for (const rel of ['parties/finland/brief/', 'parties/finland/finland-brief.html']) {
    it(`${rel} at 390 and 1280 px: no axe violation, console error or sideways scroll`, async () => {
      for (const r of await checkPage(site.browser, site.server.url + rel)) {
        assert.deepEqual(r.consoleErrors, [], `${r.width}px console`);
        assert.deepEqual(r.axeViolations, [], `${r.width}px axe`);
        assert.equal(r.overflowX, false, `${r.width}px overflow`);
      }
    });
  }
});
