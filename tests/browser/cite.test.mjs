// Citations, read back with real parsers (citation-js and its BibTeX and RIS plugins): each
// recommendation's cite.bib and cite.ris, and data/recommendations.csl.json, name the
// recommendation and its subject, the report, its author, the year, the address and, in the
// note only, the edition (the report has no version of its own). CITATION.cff credits the
// edition's editors (the publisher, or the editors' entity while none is stated), never the
// Committee, and cites the Committee's report as its source. A site built
// here from the small fixture with BibTeX's and RIS's special characters in every field shows
// that they survive the round trip. In Chromium: the copy button copies the citation with the
// page's absolute address, says so in a live region, and the page keeps 0 axe violations;
// without JavaScript there is no button and the citation keeps its relative link. Needs
// SITE_DIR (and SITE_BASE_PATH); the escaping test needs RECPUB_BIN.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-cff';
import '@citation-js/plugin-ris';
import { AXE_TAGS, useServedSite } from './lib.mjs';

const siteDir = process.env.SITE_DIR;
const basePath = process.env.SITE_BASE_PATH || '/';
const bin = process.env.RECPUB_BIN;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The one CSL item a citation file holds, parsed by citation-js. */
function parseOne(text) {
  const items = new Cite(text).data;
  assert.equal(items.length, 1, 'one entry per file');
  return items[0];
}

const author = (item) => item.author?.[0]?.literal ?? item.author?.[0]?.family;

/** What the content says a citation of `id` must carry (read from content/, not the output). */
async function expectedFor(contentDir, id) {
  const site = await readFile(path.join(contentDir, 'site.toml'), 'utf8');
  const field = (table, key) => {
    const part = table ? site.split(`[${table}]`)[1] : site.split('\n[')[0];
    return part.match(new RegExp(`^${key} = "(.*)"$`, 'm'))[1];
  };
  const rec = await readFile(path.join(contentDir, 'recommendations', `${id}.md`), 'utf8');
  return {
    id,
    title: rec.match(/^title = "(.*)"$/m)[1],
    author: field('report', 'author'),
    report: field('report', 'title'),
    year: Number(field('report', 'adopted').match(/\d{4}/)[0]),
    version: field('edition', 'version'),
  };
}

/** Who CITATION.cff must credit for the dataset: the publisher, or the editors' entity. */
async function editorsOf(contentDir) {
  const site = await readFile(path.join(contentDir, 'site.toml'), 'utf8');
  const publisher = site.split(/^\[publisher\]$/m)[1]?.match(/^name = "(.*)"$/m)?.[1];
  return publisher ?? `Editors of ${site.match(/^short_title = "(.*)"$/m)[1]}`;
}

function assertCitation(item, want, url, formatName) {
  const where = `${formatName} of ${want.id}`;
  assert.equal(item.id, want.id, `${where}: id`);
  assert.equal(item.title, `Recommendation ${want.id}: ${want.title}`, `${where}: title`);
  assert.equal(author(item), want.author, `${where}: author`);
  assert.equal(item['container-title'], want.report, `${where}: report`);
  assert.equal(item.issued['date-parts'][0][0], want.year, `${where}: year`);
  assert.equal(item.URL, url, `${where}: URL`);
  // The edition is the dataset's: named in the note, never as the report's version.
  assert.equal(item.version, undefined, `${where}: no version`);
  assert.equal(item.edition, undefined, `${where}: no edition field`);
  assert.ok(item.note.includes(`edition ${want.version} (`), `${where}: note ${item.note}`);
}

describe('citation files of the built site', { skip: siteDir ? false : 'SITE_DIR not set' }, () => {
  const content = path.join(root, 'content');

  it('cite.bib and cite.ris of III-16 and X-5 parse and name the recommendation and edition', async () => {
    for (const id of ['III-16', 'X-5']) {
      const want = await expectedFor(content, id);
      const dir = path.join(siteDir, 'recommendations', id.toLowerCase());
      const url = `${basePath}recommendations/${id.toLowerCase()}/`;
      const bib = parseOne(await readFile(path.join(dir, 'cite.bib'), 'utf8'));
      assertCitation(bib, want, url, 'BibTeX');
      assert.equal(bib.issued['date-parts'][0][1], 3, 'BibTeX: adopted in March');
      const risText = await readFile(path.join(dir, 'cite.ris'), 'utf8');
      assertCitation(parseOne(risText), want, url, 'RIS');
      // citation-js takes the year from PY only; the full date is DA's, as the format has it.
      assert.match(risText, /\r\nDA {2}- 2022\/03\/\/\r\n/);
      assert.ok(risText.split('\r\n').slice(0, -1).every((l) => /^[A-Z][A-Z0-9] {2}- /.test(l)), 'RIS lines');
    }
  });

  it('recommendations.csl.json holds one item per recommendation, each with its permalink', async () => {
    const csl = JSON.parse(await readFile(path.join(siteDir, 'data/recommendations.csl.json'), 'utf8'));
    const recs = JSON.parse(await readFile(path.join(siteDir, 'data/recommendations.json'), 'utf8'));
    const items = new Cite(csl).data;
    assert.deepEqual(items.map((i) => i.id), recs.map((r) => r.id));
    const want = await expectedFor(content, 'VI-3');
    const vi3 = items.find((i) => i.id === 'VI-3');
    assertCitation(vi3, want, recs.find((r) => r.id === 'VI-3').url, 'CSL-JSON');
    for (const [i, item] of items.entries()) assert.equal(item.URL, recs[i].url);
  });

  it('CITATION.cff parses, naming the dataset, its version and date, and the report', async () => {
    const cff = await readFile(path.join(siteDir, 'data/CITATION.cff'), 'utf8');
    const want = await expectedFor(content, 'III-16');
    const site = await readFile(path.join(content, 'site.toml'), 'utf8');
    const [dataset, report] = new Cite(cff).data;
    assert.equal(dataset.type, 'dataset');
    assert.equal(dataset.title, site.match(/^title = "(.*)"$/m)[1]);
    assert.equal(dataset.version, want.version);
    const date = site.split('[edition]')[1].match(/^date = "(\d+)-(\d+)-(\d+)"$/m).slice(1).map(Number);
    assert.deepEqual(dataset.issued['date-parts'][0], date);
    // The dataset's author: its editors (no publisher is stated yet), not the Committee.
    assert.deepEqual(dataset.author.map((a) => a.literal ?? a.family), [await editorsOf(content)]);
    assert.equal(author(dataset), 'Editors of Lanzarote ICT recommendations');
    assert.equal(report.type, 'report');
    assert.equal(report.title, want.report);
    assert.equal(author(report), want.author);
    assert.deepEqual(report.issued['date-parts'][0], [want.year, 3]);
    assert.equal(report.version, undefined, 'the report has no version of its own');
  });
});

describe('citation escaping', { skip: bin ? false : 'RECPUB_BIN not set' }, () => {
  // Every special character of BibTeX (braces, backslash, & % $ # _ ~ ^) and quotes, in the
  // author, the report's title and the publisher (an edition's version is numbers only: the
  // content rules refuse any other).
  const nasty = String.raw`Committee {of} \Parties & 100% $5 #1 a_b ~x^2 "quoted"`;
  const publisher = `Editors: ${nasty}`;
  let tmp;
  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'recpub-cite-'));
    await cp(path.join(root, 'tests/fixtures/site-small/content'), path.join(tmp, 'content'), { recursive: true });
    const file = path.join(tmp, 'content/site.toml');
    const toml = (await readFile(file, 'utf8'))
      .replace(/^author = ".*"$/m, `author = ${JSON.stringify(nasty)}`)
      .replace(/^title = "A fixture report"$/m, `title = ${JSON.stringify(`Report: ${nasty}`)}`)
      .replace(/^version = ".*"$/m, 'version = "2.10.3"')
      .replace(/^name = "Fixture Publisher"$/m, `name = ${JSON.stringify(publisher)}`);
    await writeFile(file, toml);
    // An edition that is no release's: the copy keeps no release history, whose last version
    // the edition would otherwise have to be.
    await rm(path.join(tmp, 'content/releases'), { recursive: true, force: true });
    await promisify(execFile)(bin, ['build', '--content', path.join(tmp, 'content'), '--out',
      path.join(tmp, 'site'), '--base-url', 'https://example.com/x/'], { cwd: root });
  });
  after(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('special characters survive BibTeX, RIS and CSL-JSON', async () => {
    const want = { id: 'II-2', title: 'Training for prosecutors', author: nasty, report: `Report: ${nasty}`, year: 2020, version: '2.10.3' };
    const url = 'https://example.com/x/recommendations/ii-2/';
    const dir = path.join(tmp, 'site/recommendations/ii-2');
    assertCitation(parseOne(await readFile(path.join(dir, 'cite.bib'), 'utf8')), want, url, 'BibTeX');
    assertCitation(parseOne(await readFile(path.join(dir, 'cite.ris'), 'utf8')), want, url, 'RIS');
    const csl = new Cite(JSON.parse(await readFile(path.join(tmp, 'site/data/recommendations.csl.json'), 'utf8')));
    assertCitation(csl.data.find((i) => i.id === 'II-2'), want, url, 'CSL-JSON');
    const [dataset, report] = new Cite(await readFile(path.join(tmp, 'site/data/CITATION.cff'), 'utf8')).data;
    assert.equal(dataset.version, want.version, 'CFF: version');
    assert.equal(dataset.URL, 'https://example.com/x/', 'CFF: url');
    assert.equal(report.title, want.report, 'CFF: report');
    assert.equal(author(report), nasty, 'CFF: the Committee');
    assert.equal(author(dataset), publisher, 'CFF: the publisher');
  });
});

describe('the citation block in Chromium', { skip: siteDir ? false : 'SITE_DIR not set' }, () => {
  const site = useServedSite(siteDir, basePath);

  it('copies the citation with the absolute address, announces it, and keeps axe at 0', async () => {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const errors = [];
    try {
      const origin = new URL(site.server.url).origin;
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      const url = `${site.server.url}recommendations/iii-16/`;
      await page.goto(url);
      const button = page.getByRole('button', { name: 'Copy the citation' });
      await button.click();
      const status = page.locator('[data-cite-status]');
      await assert.doesNotReject(status.filter({ hasText: 'Citation copied.' }).waitFor({ timeout: 5000 }));
      assert.equal(await status.getAttribute('aria-live'), 'polite');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.match(copied, /Recommendation III-16\. In: .*, edition \d/);
      assert.ok(copied.endsWith(` ${url}`), `copied: ${copied}`);
      assert.ok(!/\s{2}/.test(copied), 'whitespace collapsed');
      await page.addScriptTag({ path: path.join(root, 'tests/browser/node_modules/axe-core/axe.min.js') });
      const axe = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), AXE_TAGS);
      assert.deepEqual(axe.violations.map((v) => v.id), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  it('without JavaScript: no button, the citation and its files are there', async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${site.server.url}recommendations/iii-16/`);
      assert.equal(await page.locator('[data-cite-copy]').isVisible(), false);
      const link = page.locator('[data-cite-url]');
      assert.equal(await link.textContent(), `${basePath}recommendations/iii-16/`);
      for (const ext of ['bib', 'ris']) {
        const href = await page.locator(`a[href$="cite.${ext}"]`).getAttribute('href');
        const res = await fetch(new URL(href, page.url()));
        assert.equal(res.status, 200, href);
      }
    } finally {
      await context.close();
    }
  });

  it('the data page lists every data file with its real size', async () => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.server.url}data/`);
      const rows = await page.$$eval('ul.downloads > li', (lis) => lis.map((li) => ({
        href: li.querySelector('a').getAttribute('href'),
        bytes: Number(li.querySelector('[data-bytes]').dataset.bytes),
        shown: li.querySelector('[data-bytes]').textContent,
      })));
      const names = rows.map((r) => r.href.split('/').pop());
      assert.deepEqual(names.sort(), ['CITATION.cff', 'parties.json', 'recommendations.csl.json',
        'recommendations.csv', 'recommendations.json']);
      for (const r of rows) {
        const size = (await stat(path.join(siteDir, r.href.slice(basePath.length)))).size;
        assert.equal(r.bytes, size, r.href);
        assert.equal(r.shown, `${(size / 1024).toFixed(1)} KiB`, r.href);
      }
    } finally {
      await page.close();
    }
  });
});
