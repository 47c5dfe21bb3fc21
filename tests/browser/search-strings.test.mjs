// The search page speaks the theme's words: every sentence and label the script writes comes
// from the strings file (`[search]` of i18n/<language>.toml), none is written in the script.
// A copy of the theme whose search strings are translated builds the small fixture site and the
// site of two reports; the pages must show the translations and none of the English they
// replace. Needs RECPUB_BIN.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { launch, serveDir } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.RECPUB_BIN;

/** The strings changed, each with the English it replaces (what the page must no longer show). */
const TRANSLATED = {
  found: ['{n} recommandations trouvées.', 'recommendations found'],
  found_one: ['1 recommandation trouvée.', '1 recommendation found'],
  found_none: ['Aucune recommandation trouvée.', 'No recommendations found'],
  result_section: ['Partie {id}', 'Section '],
  // In a site of several reports only.
  result_report_section: ['{report}, partie {id}', ', section '],
  facet_report: ['Rapport', null],
  facet_level: ['Niveau', 'Level'],
  facet_section: ['Partie', 'Section'],
  facet_scope: ['Destinataires', 'Addressees'],
  // "Party" alone also reads in "Any Party" (another string): the legend is checked instead.
  facet_party: ['État partie', null],
  facet_concerns: ['Concerne', 'Concerns'],
  facet_named: ['Désigne cet État par son nom', 'Designates this Party by name'],
};

describe('search in the theme\'s words', { skip: bin ? false : 'RECPUB_BIN not set' }, () => {
  let tmp;
  let server;
  let browser;
  let page;
  let two;

  before(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'recpub-search-strings-'));
    await cp(path.join(root, 'themes/default'), path.join(tmp, 'themes/default'), { recursive: true });
    await cp(path.join(root, 'tests/fixtures/site-small/content'), path.join(tmp, 'content'), { recursive: true });
    const file = path.join(tmp, 'themes/default/i18n/en.toml');
    let toml = await readFile(file, 'utf8');
    for (const [key, [text]] of Object.entries(TRANSLATED)) {
      const line = new RegExp(`^${key} = ".*"$`, 'm');
      assert.match(toml, line, `en.toml has search.${key}`);
      toml = toml.replace(line, `${key} = ${JSON.stringify(text)}`);
    }
    await writeFile(file, toml);
    await promisify(execFile)(bin, ['build', '-q', '--root', tmp, '--out', path.join(tmp, 'site')]);
    await cp(path.join(root, 'tests/fixtures/site-two-reports/content'), path.join(tmp, 'two'), { recursive: true });
    await promisify(execFile)(bin, ['build', '-q', '--root', tmp, '--content', path.join(tmp, 'two'), '--out', path.join(tmp, 'site-two')]);
    two = await serveDir(path.join(tmp, 'site-two'));
    server = await serveDir(path.join(tmp, 'site'));
    browser = await launch();
    page = await browser.newPage();
    await page.goto(`${server.url}search/`);
    await page.waitForSelector('.search-ready');
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await two?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Types a query and waits for the status line the script writes for it. */
  async function search(q, status) {
    await page.fill('#search-q', q);
    await page.waitForFunction((want) => want.test(document.querySelector('[data-status]').textContent),
      status);
  }

  it('counts, labels and filters in the translated words, no English left', async () => {
    await search('prosecutors', /^1 recommandation trouvée\.$/);
    assert.match(await page.textContent('.result-meta'), / Partie II · /);
    const legends = await page.$$eval('.facet legend', (els) => els.map((e) => e.textContent));
    for (const want of ['Niveau', 'Partie', 'Destinataires', 'État partie']) {
      assert.ok(legends.includes(want), `legend ${want} in ${legends}`);
    }
    assert.equal(await page.textContent('label[for="facet-party"]'), 'Concerne');
    assert.equal(await page.textContent('label[for="facet-named"]'), 'Désigne cet État par son nom');
    const shown = await page.textContent('.search');
    for (const [key, [, english]] of Object.entries(TRANSLATED)) {
      if (english) assert.ok(!shown.includes(english), `search.${key}: "${english}" still shown`);
    }
    await search('parties', /^\d+ recommandations trouvées\.$/);
    await search('zzzzzz', /^Aucune recommandation trouvée\.$/);
  });

  it('in a site of several reports, the report in each result and the Report filter too', async () => {
    const other = await browser.newPage();
    await other.goto(`${two.url}search/?q=Committee`);
    await other.waitForFunction(() => /trouvées/.test(document.querySelector('[data-status]')?.textContent));
    const special = await readFile(path.join(tmp, 'two/reports/special/report.toml'), 'utf8');
    const name = special.match(/^short_title = "(.*)"$/m)[1];
    const metas = await other.$$eval('.result-meta', (els) => els.map((e) => e.textContent));
    assert.ok(metas.some((m) => m.includes(`${name}, partie 1 · `)), String(metas));
    const legends = await other.$$eval('.facet > legend', (els) => els.map((e) => e.textContent));
    assert.ok(legends.includes('Rapport'), String(legends));
    const shown = await other.textContent('.search');
    for (const [key, [, english]] of Object.entries(TRANSLATED)) {
      if (english) assert.ok(!shown.includes(english), `search.${key}: "${english}" still shown`);
    }
    await other.close();
  });
});
