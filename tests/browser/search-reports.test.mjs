// The search page of a site of several reports, in real Chromium: one index holds every
// recommendation of every report, each result names its report and links to its page in that
// report, an id two reports share finds both, the Report filter narrows the results, sections
// of different reports with the same id stay apart, the Party filter covers every report, and
// the export finds each result's record by its report and id.
// What each check expects is read from the fixture's files (tests/fixtures/site-two-reports).
// Needs REPORTS_SITE_DIR: that fixture built with the base URL /two/ (scripts/test-all.sh).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AXE_TAGS, openSearch, searchSettled as settled, useServedSite } from './lib.mjs';

const siteDir = process.env.REPORTS_SITE_DIR;
const basePath = '/two/';
const content = resolve(fileURLToPath(import.meta.url), '../../fixtures/site-two-reports/content');

/** A TOML string value `key = "…"` of `text` (the first, or the first after line `after`). */
function tomlString(text, key, after = null) {
  const lines = text.split('\n');
  const from = after === null ? 0 : lines.indexOf(after);
  const line = lines.slice(from).find((l) => l.startsWith(`${key} = "`));
  return line.slice(key.length + 4, -1);
}

/** One report's recommendations, read from its files: {report, id, title, scope, parties, url}. */
function recsOf(dir, report, folder) {
  return readdirSync(join(content, dir)).filter((f) => f.endsWith('.md')).sort().map((f) => {
    const text = readFileSync(join(content, dir, f), 'utf8');
    const parties = text.match(/^parties = \[(.*)\]$/m)?.[1].split(',').map((p) => p.trim().slice(1, -1)) ?? [];
    const id = tomlString(text, 'id');
    return {
      report, id, title: tomlString(text, 'title'), scope: tomlString(text, 'scope'), parties,
      url: `${basePath}${folder}recommendations/${id.toLowerCase()}/`,
    };
  });
}

/** Each report as the pages name it: its short title, its recommendations. */
const site = readFileSync(join(content, 'site.toml'), 'utf8');
const special = readFileSync(join(content, 'reports/special/report.toml'), 'utf8');
const REPORTS = [
  { slug: 'main', name: tomlString(site, 'short_title', '[report]'), recs: recsOf('recommendations', 'main', '') },
  {
    slug: 'special', name: tomlString(special, 'short_title'),
    recs: recsOf('reports/special/recommendations', 'special', 'reports/special/'),
  },
];
const ALL = REPORTS.flatMap((r) => r.recs);


/** Every result as [id, title, href, the line under it], in order. */
async function results(page) {
  return page.$$eval('.result', (items) => items.map((li) => [
    li.querySelector('.result-id').textContent,
    li.querySelector('.result-link').textContent.replace(/^\S+ /, ''),
    li.querySelector('.result-link').getAttribute('href'),
    li.querySelector('.result-meta').textContent,
  ]));
}

/**
 * `got` (from `results`) holds exactly `recs`, in any order, each linking its page in its
 * report and naming its report and section ("Special report, section 1").
 */
function assertHolds(got, recs, what) {
  const sorted = (rows) => rows.map((r) => r.slice(0, 3).join(' ')).sort();
  assert.deepEqual(sorted(got), sorted(recs.map((r) => [r.id, r.title, r.url])), what);
  for (const [id, , url, meta] of got) {
    const rec = recs.find((r) => r.id === id && r.url === url);
    const name = REPORTS.find((x) => x.slug === rec.report).name;
    assert.ok(meta.includes(`${name}, section ${id.split('.')[0]} `), `${what}: ${url}: ${meta}`);
  }
}

describe('search in a site of several reports', { skip: siteDir ? false : 'REPORTS_SITE_DIR not set' }, () => {
  const site = useServedSite(siteDir, basePath);
  let page;

  async function open(query = '') {
    let errors;
    ({ page, errors } = await openSearch(site, query));
    return errors;
  }

  it('finds the recommendations of every report, each naming its report and linking its page', async () => {
    const errors = await open('?q=Committee');
    assert.ok(REPORTS.every((r) => r.recs.length > 0));
    assertHolds(await results(page), ALL, 'a word of every text');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('an id two reports share finds both', async () => {
    const shared = REPORTS[0].recs.map((r) => r.id).find((id) => REPORTS[1].recs.some((r) => r.id === id));
    assert.ok(shared, 'the fixture has an id in both reports');
    await open(`?q=${encodeURIComponent(shared)}`);
    assertHolds(await results(page), ALL.filter((r) => r.id === shared), shared);
    await page.close();
  });

  it('the Report filter narrows the results, with counts, and is kept in the URL', async () => {
    await open('?q=Committee');
    for (const r of REPORTS) {
      const label = await page.textContent(`label[for="facet-report-${r.slug}"]`);
      assert.equal(label, `${r.name} (${r.recs.length})`);
    }
    await page.check('#facet-report-special');
    await settled(page);
    assert.match(page.url(), /[?&]report=special/);
    assertHolds(await results(page), REPORTS[1].recs, 'special only');
    await page.close();
    await open('?q=Committee&report=main');
    assert.ok(await page.isChecked('#facet-report-main'));
    assertHolds(await results(page), REPORTS[0].recs, 'main only, from the URL');
    await page.close();
  });

  it("sections of different reports with the same id stay apart, grouped by report", async () => {
    await open('?q=Committee');
    const groups = await page.$$eval('.facet .facet legend', (ls) => ls.map((l) => l.textContent));
    assert.deepEqual(groups, REPORTS.map((r) => r.name));
    // Section "1" of the first report, then of the special report: each its own recommendations.
    for (const [r, box] of [[REPORTS[0], '#facet-section-1'], [REPORTS[1], '[id="facet-section-special:1"]']]) {
      await open('?q=Committee');
      await page.check(box);
      await settled(page);
      assertHolds(await results(page), r.recs.filter((x) => x.id.startsWith('1.')), box);
      await page.close();
    }
  });

  it("the Party filter covers every report's recommendations", async () => {
    // Concerns Finland: names it, or is addressed to all Parties or open (as its page counts).
    await open('?party=finland');
    const concerns = ALL.filter((r) => r.parties.includes('Finland') || r.scope === 'all' || r.scope === 'open');
    assert.ok(concerns.some((r) => r.report === 'special') && concerns.some((r) => r.report === 'main'));
    assertHolds(await results(page), concerns, 'concerns Finland');
    await page.check('#facet-named');
    await settled(page);
    assertHolds(await results(page), ALL.filter((r) => r.parties.includes('Finland')), 'names Finland');
    await page.close();
  });

  it("a further report's result opens its page in that report", async () => {
    const rec = REPORTS[1].recs[0];
    await open(`?q=${encodeURIComponent(rec.title)}&report=special`);
    await page.click(`a.result-link[href="${rec.url}"]`);
    await page.waitForURL((u) => u.pathname === rec.url);
    assert.match(await page.textContent('h1'), new RegExp(rec.title));
    await page.close();
  });

  it("exports the results of both reports with the site CSV's columns, report first", async () => {
    const shared = REPORTS[0].recs.map((r) => r.id).find((id) => REPORTS[1].recs.some((r) => r.id === id));
    await open(`?q=${encodeURIComponent(shared)}`);
    const order = (await results(page)).map(([id, , url]) => ALL.find((r) => r.id === id && r.url === url));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export]')]);
    const exported = readFileSync(await download.path(), 'utf8');
    const csv = readFileSync(join(siteDir, 'data/recommendations.csv'), 'utf8').split('\n');
    assert.match(csv[0], /^report,id,/);
    const row = (r) => csv.find((l) => l.startsWith(`${r.report},${r.id},`));
    assert.equal(exported, `${[csv[0], ...order.map(row)].join('\n')}\n`);
    assert.equal(order.length, 2);
    await page.close();
  });

  it('passes axe with the Report filter, grouped sections and results', async () => {
    await open('?q=Committee&report=special');
    await page.addScriptTag({ path: join(resolve(fileURLToPath(import.meta.url), '..'), 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate((tags) => window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
    }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)), AXE_TAGS);
    assert.deepEqual(violations, []);
    await page.close();
  });
});
