// `recpub serve` in real Chromium: a bad edit puts the error overlay, with the diagnostic's
// file:line:col, on an open page; the fix reloads it with the new text and no overlay; a
// stylesheet edit swaps the stylesheet without reloading; a change the draft release note does
// not name is shown with a notice that does not cover the page, gone once the note names it; an
// edit of a theme string and of the thesaurus shows in the open page (a thesaurus `check`
// refuses shows `check`'s diagnostic in the overlay). Needs RECPUB_BIN (the built binary,
// set by scripts/test-all.sh); skips without it. Works on a temp copy of content/ and themes/.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './lib.mjs';

const bin = process.env.RECPUB_BIN;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WAIT = 20_000;

/** Starts `serve --port 0` in `dir`; resolves with its URL once it prints it. */
function startServe(dir) {
  const child = spawn(bin, ['serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('serve did not start')), WAIT);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr.resume(); // diagnostics are expected; just drain them
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

async function edit(file, from, to) {
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes(from), `${from} not in ${file}`);
  await writeFile(file, text.replace(from, to));
}

describe('serve: live reload and the error overlay', { skip: bin ? false : 'RECPUB_BIN not set' }, () => {
  let dir;
  let serve;
  let browser;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'recpub-serve-'));
    await cp(path.join(root, 'content'), path.join(dir, 'content'), { recursive: true });
    await cp(path.join(root, 'themes'), path.join(dir, 'themes'), { recursive: true });
    // The edits below change II-1, which the next release's note must name (docs/releases.md).
    await appendFile(path.join(dir, 'content/releases/next.md'), '\nEdited for a test: II-1.\n');
    serve = await startServe(dir);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    serve?.child.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('shows a bad edit in an overlay and reloads with the fix', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${serve.url}recommendations/ii-1/`);
    await page.waitForFunction(() => window.__recpubLive === 'open', null, { timeout: WAIT });
    const file = path.join(dir, 'content/recommendations/II-1.md');

    await edit(file, 'level = "invite"', 'level = "request"');
    const overlay = page.locator('#__recpub-overlay[role="alert"]');
    await overlay.waitFor({ timeout: WAIT });
    const text = await overlay.textContent();
    assert.match(text, /content\/recommendations\/II-1\.md:4:9: error: level "request"/);

    const reloaded = page.waitForEvent('load', { timeout: WAIT });
    const text2 = await readFile(file, 'utf8');
    await writeFile(file, text2
      .replace('level = "request"', 'level = "invite"')
      .replace(/^title = .*$/m, 'title = "Fixed while the page was open"'));
    await reloaded;
    await page.waitForFunction(
      () => document.body.textContent.includes('Fixed while the page was open'),
      null,
      { timeout: WAIT },
    );
    assert.equal(await page.locator('#__recpub-overlay').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows a change the draft note does not name, with a notice, until it names it', async () => {
    const page = await browser.newPage();
    await page.goto(`${serve.url}recommendations/ii-2/`);
    await page.waitForFunction(() => window.__recpubLive === 'open', null, { timeout: WAIT });
    const reloaded = page.waitForEvent('load', { timeout: WAIT });
    await edit(path.join(dir, 'content/recommendations/II-2.md'),
      'title = "Legal references', 'title = "Unannounced legal references');
    await reloaded;
    const notice = page.locator('#__recpub-notice[role="status"]');
    await notice.waitFor({ timeout: WAIT });
    assert.match(await notice.textContent(),
      /II-2\.md:3:\d+: warning: II-2 has changed since release 1\.1 \(title\)/);
    assert.match(await page.locator('h1').first().textContent(), /Unannounced legal references/);
    assert.equal(await page.locator('#__recpub-overlay').count(), 0);

    const again = page.waitForEvent('load', { timeout: WAIT });
    await appendFile(path.join(dir, 'content/releases/next.md'), 'II-2: the title, for a test.\n');
    await again;
    await page.waitForFunction(() => window.__recpubLive === 'open', null, { timeout: WAIT });
    await page.waitForTimeout(300); // a notice would come with the stream's first events
    assert.equal(await page.locator('#__recpub-notice').count(), 0);
    await page.close();
  });

  it('shows an edit of a theme string and of the thesaurus, and a bad thesaurus as check does', async () => {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${serve.url}search/?q=younglings`);
    await page.waitForFunction(() => window.__recpubLive === 'open', null, { timeout: WAIT });
    const status = page.locator('[data-status]');
    await page.waitForFunction(() => document.querySelector('[data-status]')?.textContent.trim(), null, { timeout: WAIT });
    assert.equal((await status.textContent()).trim(), 'No recommendations found.');

    // The page's heading is the theme's string `search.title`.
    let reloaded = page.waitForEvent('load', { timeout: WAIT });
    await edit(path.join(dir, 'themes/default/i18n/en.toml'), 'title = "Search"', 'title = "Find a recommendation"');
    await reloaded;
    await page.locator('h1', { hasText: 'Find a recommendation' }).waitFor({ timeout: WAIT });

    // A new reader's word for the Committee's "children": the open search finds it.
    const thesaurus = path.join(dir, 'content/thesaurus.toml');
    reloaded = page.waitForEvent('load', { timeout: WAIT });
    await edit(thesaurus, 'reader = ["kids",', 'reader = ["younglings", "kids",');
    await reloaded;
    await page.waitForFunction(
      () => /^\d+ recommendations? found/.test(document.querySelector('[data-status]')?.textContent.trim() ?? ''),
      null,
      { timeout: WAIT },
    );
    assert.ok((await page.locator('.result-id').count()) > 0);

    // A Committee's word no recommendation uses: the overlay says what `check` says.
    await edit(thesaurus, 'committee = ["children", "child"]', 'committee = ["childer"]');
    const overlay = page.locator('#__recpub-overlay[role="alert"]');
    await overlay.waitFor({ timeout: WAIT });
    const check = spawnSync(bin, ['check'], { cwd: dir, encoding: 'utf8' });
    assert.equal(check.status, 1);
    const first = check.stderr.split('\n')[0];
    assert.match(first, /^content\/thesaurus\.toml:\d+:\d+: error: /);
    assert.ok((await overlay.textContent()).includes(first), await overlay.textContent());

    reloaded = page.waitForEvent('load', { timeout: WAIT });
    await edit(thesaurus, 'committee = ["childer"]', 'committee = ["children", "child"]');
    await reloaded;
    assert.equal(await page.locator('#__recpub-overlay').count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('swaps the stylesheet without reloading on a CSS edit', async () => {
    const page = await browser.newPage();
    await page.goto(serve.url);
    await page.waitForFunction(() => window.__recpubLive === 'open', null, { timeout: WAIT });
    await page.evaluate(() => { window.__notReloaded = true; });
    await appendFile(path.join(dir, 'themes/default/static/style.css'), '\nbody { outline: 0; }\n');
    await page.waitForFunction(
      () => [...document.querySelectorAll('link[rel="stylesheet"]')]
        .every((l) => l.href.includes('recpub-reload=')),
      null,
      { timeout: WAIT },
    );
    assert.equal(await page.evaluate(() => window.__notReloaded), true);
    await page.close();
  });
});
