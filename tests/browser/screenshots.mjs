// Full-page screenshots of one page of every kind of the built site, for looking at the theme:
// phone (390×844) and desktop (1280×800), each in light, dark (the context's colour scheme)
// and print (print media, light). Usage:
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR [BASE_PATH] [SET]
// BASE_PATH is the sub-path the site was built for (e.g. /lanzarote/; default /). SET says which
// pages to take (default `bundled`): `bundled` (PAGE_KINDS, of the bundled content), `scaled`
// (SCALED_KINDS, of a `recpub synth --scale 8` site) or `reports` (REPORTS_KINDS, of the fixture
// tests/fixtures/site-two-reports). Writes OUT_DIR/<kind-slug>-<width>-<light|dark|print>.png
// and OUT_DIR/index.md listing them, with any console errors seen. PAGE_KINDS is exported for
// other scripts (bench/lighthouse/run.mjs).

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, serveDir } from './lib.mjs';

/**
 * One page of every kind: `slug` names the files, `path` is relative to the site's base URL,
 * `waitFor` (optional) is a selector that must appear before the page is ready. 404.html is
 * fetched directly (served for a miss it would answer with status 404). A long brief's part
 * is in SCALED_KINDS: no bundled brief is long enough to be in parts.
 */
export const PAGE_KINDS = [
  { slug: 'home', name: 'home', path: '' },
  { slug: 'recommendation', name: 'recommendation', path: 'recommendations/iii-16/' },
  { slug: 'recommendation-sectors', name: 'recommendation with sector lists', path: 'recommendations/x-5/' },
  { slug: 'party', name: 'party', path: 'parties/finland/' },
  { slug: 'party-brief', name: 'party brief', path: 'parties/finland/brief/' },
  { slug: 'section', name: 'section', path: 'sections/vi/' },
  { slug: 'level', name: 'level', path: 'levels/require/' },
  { slug: 'recommendations', name: 'recommendations index', path: 'recommendations/' },
  { slug: 'recommendations-by-addressees', name: 'recommendations by addressees', path: 'recommendations/by-addressees/' },
  { slug: 'shared-list', name: 'shared list: addressed to all Parties', path: 'recommendations/by-addressees/all/' },
  { slug: 'parties', name: 'parties index', path: 'parties/' },
  { slug: 'sections', name: 'sections index', path: 'sections/' },
  { slug: 'levels', name: 'levels index', path: 'levels/' },
  { slug: 'about', name: 'about', path: 'about/' },
  { slug: 'data', name: 'data', path: 'data/' },
  { slug: 'cite', name: 'how to cite', path: 'cite/' },
  { slug: 'accessibility', name: 'accessibility statement', path: 'accessibility/' },
  { slug: 'changes', name: 'change history', path: 'changes/' },
  { slug: 'release', name: 'a release', path: 'changes/1.1/' },
  { slug: 'search', name: 'search', path: 'search/?q=grooming', waitFor: '[data-results] li' },
  { slug: '404', name: '404', path: '404.html' },
];

/** The pages only a bigger site has: a Party's brief in parts (`recpub synth --scale 8`). */
export const SCALED_KINDS = [
  { slug: 'party-brief-parts', name: 'party brief, first page of parts', path: 'parties/finland/brief/' },
  { slug: 'party-brief-part', name: 'party brief, a part', path: 'parties/finland/brief/all/' },
  { slug: 'party-scaled', name: 'party, long groups', path: 'parties/finland/' },
];

/** The pages of a site of several reports (tests/fixtures/site-two-reports). */
export const REPORTS_KINDS = [
  { slug: 'reports', name: 'reports index', path: 'reports/' },
  { slug: 'reports-party', name: 'party, several reports', path: 'parties/finland/' },
  { slug: 'reports-brief', name: 'party brief, several reports', path: 'parties/finland/brief/' },
  { slug: 'reports-recommendation', name: 'a further report\'s recommendation', path: 'reports/special/recommendations/1.1/' },
  { slug: 'reports-listing', name: 'a further report\'s listing', path: 'reports/special/recommendations/' },
  { slug: 'reports-search', name: 'search, several reports', path: 'search/?q=children', waitFor: '[data-results] li' },
];

/** The sets of pages a run can take, by the name the command line gives. */
export const KIND_SETS = { bundled: PAGE_KINDS, scaled: SCALED_KINDS, reports: REPORTS_KINDS };

export const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
];

export const MODES = ['light', 'dark', 'print'];

/** File name of one screenshot. */
export const shotName = (kind, width, mode) => `${kind.slug}-${width}-${mode}.png`;

/**
 * Open `kind` in a fresh page of `context` and wait until it is ready to look at: loaded,
 * fonts settled, and the kind's `waitFor` selector present. Returns the page.
 */
export async function openKind(context, baseUrl, kind, { timeout = 15000 } = {}) {
  const page = await context.newPage();
  await page.goto(baseUrl + kind.path, { waitUntil: 'load', timeout });
  if (kind.waitFor) await page.waitForSelector(kind.waitFor, { timeout });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return page;
}

/** Take every screenshot of `siteDir` into `outDir`; returns [{kind, width, mode, file, errors}]. */
export async function takeScreenshots(siteDir, outDir, { basePath = '/', kinds = PAGE_KINDS, log = () => {} } = {}) {
  await mkdir(outDir, { recursive: true });
  const server = await serveDir(siteDir, { basePath });
  const browser = await launch();
  const shots = [];
  try {
    for (const kind of kinds) {
      for (const viewport of VIEWPORTS) {
        for (const mode of MODES) {
          const context = await browser.newContext({
            viewport,
            colorScheme: mode === 'dark' ? 'dark' : 'light',
            reducedMotion: 'reduce',
          });
          const errors = [];
          context.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
          context.on('weberror', (e) => errors.push(e.error().message));
          try {
            const page = await openKind(context, server.url, kind);
            if (mode === 'print') await page.emulateMedia({ media: 'print' });
            const file = shotName(kind, viewport.width, mode);
            await page.screenshot({
              path: path.join(outDir, file),
              fullPage: true,
              animations: 'disabled',
              caret: 'hide',
            });
            shots.push({ kind, width: viewport.width, mode, file, errors });
            log(`${file}${errors.length ? `  (${errors.length} console error(s))` : ''}`);
          } finally {
            await context.close();
          }
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  await writeFile(path.join(outDir, 'index.md'), indexMarkdown(shots, { siteDir, basePath, kinds }));
  return shots;
}

function indexMarkdown(shots, { siteDir, basePath, kinds }) {
  const cols = VIEWPORTS.flatMap((v) => MODES.map((m) => [v.width, m]));
  const lines = [
    '# Screenshots',
    '',
    `Site \`${siteDir}\` served at base path \`${basePath}\`; full-page PNGs, ` +
      `${VIEWPORTS.map((v) => `${v.width}×${v.height}`).join(' and ')}, light / dark / print.`,
    '',
    `| page | path | ${cols.map(([w, m]) => `${w} ${m}`).join(' | ')} |`,
    `| --- | --- | ${cols.map(() => '---').join(' | ')} |`,
  ];
  for (const kind of kinds) {
    const cells = cols.map(([w, m]) => {
      const shot = shots.find((s) => s.kind === kind && s.width === w && s.mode === m);
      return shot ? `[${m}](${encodeURI(shot.file)})` : '—';
    });
    lines.push(`| ${kind.name} | \`${kind.path || '/'}\` | ${cells.join(' | ')} |`);
  }
  const withErrors = shots.filter((s) => s.errors.length);
  lines.push('', '## Console errors', '');
  if (!withErrors.length) lines.push('None.');
  for (const s of withErrors) {
    for (const e of s.errors) lines.push(`- \`${s.file}\`: ${e.replace(/\s+/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [siteDir, outDir, basePath = '/', set = 'bundled'] = process.argv.slice(2);
  if (!siteDir || !outDir || !KIND_SETS[set]) {
    console.error(
      `usage: node tests/browser/screenshots.mjs SITE_DIR OUT_DIR [BASE_PATH] [${Object.keys(KIND_SETS).join('|')}]`,
    );
    process.exit(2);
  }
  const started = Date.now();
  const shots = await takeScreenshots(path.resolve(siteDir), path.resolve(outDir), {
    basePath,
    kinds: KIND_SETS[set],
    log: (line) => console.log(line),
  });
  console.log(
    `${shots.length} screenshots and index.md in ${outDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
}
