// The W3C's Nu Html Checker (the `vnu-jar` package, run with Java) on the built site: every
// HTML page, with its inline styles, and every stylesheet of the theme, errors only. Needs
// SITE_DIR (the built output); skips without it. Warnings (such as Safari's
// `::-webkit-details-marker`) are not failures; errors are, each printed with its place.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const siteDir = process.env.SITE_DIR;
const run = promisify(execFile);
const vnu = createRequire(import.meta.url)('vnu-jar');
const themeStatic = path.resolve(import.meta.dirname, '../../themes/default/static');

/** The checker's errors for `args`, one line each; none when it exits 0. */
async function errors(args) {
  try {
    await run('java', ['-jar', vnu, '--errors-only', ...args], { maxBuffer: 64 << 20 });
    return [];
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('java not found: install a Java runtime (Debian: default-jre-headless)');
    return String(e.stderr || e.stdout || e.message).split('\n').filter(Boolean);
  }
}

describe('the W3C checker', { skip: !siteDir && 'SITE_DIR not set' }, () => {
  it('finds no error in any page of the built site', async () => {
    const found = await errors(['--skip-non-html', siteDir]);
    assert.deepEqual(found, []);
  });

  it('finds no error in the theme\'s stylesheets', async () => {
    const sheets = (await readdir(themeStatic)).filter((f) => f.endsWith('.css'));
    assert.ok(sheets.includes('style.css'), String(sheets));
    const found = await errors(['--css', ...sheets.map((f) => path.join(themeStatic, f))]);
    assert.deepEqual(found, []);
  });

  it('would report a property the CSS standard does not have', async () => {
    // The check can fail: the property the stylesheet once used is an error.
    const found = await errors(['--css', path.join(import.meta.dirname, 'fixtures/nonstandard.css')]);
    assert.equal(found.length, 1, found.join('\n'));
    assert.match(found[0], /line-clamp/);
  });
});
