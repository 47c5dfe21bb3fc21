// The reader's first screen, measured in Chromium at a phone (390×844) and a laptop (1280×800):
// where the header ends, where the Committee's text starts, where the first Party link and the
// first search result are; what the matrix counts; what a printed Party page holds; the level
// shades' contrast; page titles; disclosures that work without JavaScript. Needs SITE_DIR (and
// SITE_BASE_PATH for a sub-path build).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useServedSite } from './lib.mjs';

const siteDir = process.env.SITE_DIR;
const basePath = process.env.SITE_BASE_PATH || '/';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 800 };

// One page of every kind, for the figures every page must meet.
const PAGES = ['', 'recommendations/iii-16/', 'recommendations/x-5/', 'parties/finland/',
  'parties/finland/brief/', 'sections/viii/', 'levels/invite/', 'recommendations/', 'recommendations/by-level/',
  'parties/', 'sections/', 'levels/', 'about/', 'data/', 'cite/', 'accessibility/', 'search/?q=grooming', 'changes/', 'changes/1.1/', '404.html'];

/** WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

describe('the reader\'s first screen', { skip: siteDir ? false : 'SITE_DIR not set' }, () => {
  const site = useServedSite(siteDir, basePath);

  /** Runs `fn(page)` on `rel` in a fresh context with `viewport` and options. */
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

  const top = (page, sel) => page.$eval(sel, (e) => e.getBoundingClientRect().top);

  for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    it(`on a ${name}, the header is at most 120 px tall on every page kind`, async () => {
      for (const rel of PAGES) {
        const { h, title, next } = await onPage(rel, viewport, (p) => p.evaluate(() => {
          const t = document.querySelector('.site-title');
          const after = [...document.querySelectorAll('.header-row > *')]
            .find((e) => e !== t && e.getBoundingClientRect().width > 0);
          return {
            h: document.querySelector('.site-header').getBoundingClientRect().height,
            title: { right: t.getBoundingClientRect().left + t.scrollWidth, width: t.scrollWidth - t.clientWidth },
            next: after ? after.getBoundingClientRect().left : Infinity,
          };
        }));
        assert.ok(h <= 120, `${rel || '/'}: header ${h} px`);
        // The site name never runs under the controls beside it.
        assert.ok(title.width <= 1 && title.right <= next + 1, `${rel || '/'}: ${JSON.stringify({ title, next })}`);
      }
    });
  }

  it('every <title> is at most 70 characters, the page\'s own name first', async () => {
    for (const rel of PAGES) {
      const title = await onPage(rel, LAPTOP, (p) => p.title());
      assert.ok([...title].length <= 70, `${rel || '/'}: ${title.length} chars: ${title}`);
      assert.ok(title.endsWith(' – Lanzarote ICT recommendations'), title);
    }
    const rec = await onPage('recommendations/iii-16/', LAPTOP, (p) => p.title());
    assert.match(rec, /^III-16: Training for prosecutors/);
  });

  it('the Committee\'s text starts within the first screen, as a quotation', async () => {
    for (const rel of ['recommendations/iii-16/', 'recommendations/x-5/', 'recommendations/viii-8/']) {
      const phone = await onPage(rel, PHONE, (p) => top(p, 'blockquote.committee-text'));
      const laptop = await onPage(rel, LAPTOP, (p) => top(p, 'blockquote.committee-text'));
      assert.ok(phone <= 700, `${rel}: text at ${phone} px on a phone`);
      assert.ok(laptop <= 600, `${rel}: text at ${laptop} px on a laptop`);
      // The text comes before whom it addresses, and the level is a badge, not a paragraph.
      const order = await onPage(rel, PHONE, async (p) => [
        await top(p, 'blockquote.committee-text'), await top(p, '#addressees')]);
      assert.ok(order[0] < order[1], `${rel}: addressees before the text`);
    }
  });

  it('a long Party list folds into a summary that opens without JavaScript', async () => {
    await onPage('recommendations/iii-16/', PHONE, async (p) => {
      const summary = (await p.textContent('details.party-details > summary')).trim();
      assert.equal(summary, '25 Parties — footnote 141');
      assert.ok(!(await p.isVisible('details.party-details a[href$="/parties/switzerland/"]')));
      await p.click('details.party-details > summary');
      assert.ok(await p.isVisible('details.party-details a[href$="/parties/switzerland/"]'));
    }, { javaScriptEnabled: false });
  });

  it('the Menu opens the navigation on a phone, without JavaScript', async () => {
    await onPage('recommendations/iii-16/', PHONE, async (p) => {
      const parties = '.menu .site-nav a[href$="/parties/"]';
      assert.ok(!(await p.isVisible(parties)));
      assert.ok(!(await p.isVisible('.nav-row')));
      await p.click('.menu > summary');
      assert.ok(await p.isVisible(parties));
      // Search is one tap away.
      const search = await p.$eval('.search-link', (a) => {
        const r = a.getBoundingClientRect();
        return { top: r.top, height: r.height, href: a.getAttribute('href') };
      });
      assert.ok(search.top < 120 && search.height >= 44, JSON.stringify(search));
      assert.equal(search.href, `${basePath}search/`);
    }, { javaScriptEnabled: false });
    await onPage('', LAPTOP, async (p) => {
      assert.ok(await p.isVisible('.nav-row a[href$="/parties/"]'));
      assert.ok(await p.isVisible('#site-search-q'));
      assert.ok(!(await p.isVisible('.menu')));
    });
  });

  it('the home page offers every Party on its first screen', async () => {
    for (const viewport of [PHONE, LAPTOP]) {
      await onPage('', viewport, async (p) => {
        const links = await p.$$eval('.party-grid a', (as) => as.map((a) => ({
          name: a.textContent.trim(), top: a.getBoundingClientRect().top })));
        assert.equal(links.length, 43);
        assert.ok(links.some((l) => l.name === 'Finland'));
        assert.ok(links[0].top < viewport.height, `first Party link at ${links[0].top} px`);
        const h1 = (await p.textContent('h1')).trim();
        assert.notEqual(h1, (await p.textContent('.site-title')).trim());
      });
    }
  });

  it('the home page\'s first screen has a search box, under a heading naming body and subject', async () => {
    for (const viewport of [PHONE, LAPTOP]) {
      await onPage('', viewport, async (p) => {
        const h1 = (await p.textContent('h1')).trim();
        assert.match(h1, /Lanzarote Committee/, h1);
        assert.match(h1, /sexual exploitation and abuse/, h1);
        const box = await p.$eval('.home-search', (f) => {
          const input = f.querySelector('input[name=q]').getBoundingClientRect();
          const button = f.querySelector('button').getBoundingClientRect();
          return { bottom: Math.max(input.bottom, button.bottom), h: input.height, label: f.querySelector('label').textContent };
        });
        assert.ok(box.bottom <= viewport.height, `search box ends at ${box.bottom} px`);
        assert.ok(box.h >= 44, `search box ${box.h} px tall`);
        assert.equal(box.label, 'Search the recommendations');
      });
    }
    // It sends the query to the search page, without JavaScript too.
    await onPage('', PHONE, async (p) => {
      await p.fill('#home-search-q', 'grooming');
      await p.press('#home-search-q', 'Enter');
      await p.waitForURL(/\/search\/\?q=grooming$/);
    }, { javaScriptEnabled: false });
  });

  it('footnote marks, footnote back-links and Party links are tap targets of 24 × 24 px or more', async () => {
    for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]]) {
      await onPage('recommendations/iii-16/', viewport, async (p) => {
        await p.click('details.party-details > summary');
        const sizes = await p.$$eval('.footnote-ref a, a.footnote-label, .source-note a, .addressees .parties a', (as) =>
          as.map((a) => { const r = a.getBoundingClientRect(); return { text: a.textContent.trim(), w: r.width, h: r.height }; }));
        assert.ok(sizes.length >= 28, `${sizes.length} targets`);
        for (const t of sizes) assert.ok(t.w >= 24 && t.h >= 24, `${name}: ${t.text} is ${t.w}×${t.h} px`);
        // On a phone a Party link is as tall as a comfortable tap.
        if (viewport === PHONE) {
          const parties = await p.$$eval('.addressees .parties a', (as) => as.map((a) => [a.textContent, a.getBoundingClientRect().height]));
          assert.equal(parties.length, 25);
          for (const [party, h] of parties) assert.ok(h >= 44, `${party} is ${h} px tall`);
        }
      });
    }
  });

  it('a recommendation lists its Parties once; typographic notes come after the addressees', async () => {
    await onPage('recommendations/iii-16/', PHONE, async (p) => {
      const links = await p.$$eval('main a[href$="/parties/switzerland/"]', (as) => as.length);
      assert.equal(links, 1);
      assert.equal(await p.$$eval('main .print-parties', (els) => els.length), 0);
      // On paper the summary names the footnote, which lists every Party.
      await p.emulateMedia({ media: 'print' });
      assert.ok(await p.isVisible('details.party-details > summary'));
      assert.ok(await p.isVisible('#fn-141'));
    });
    await onPage('recommendations/ii-10/', PHONE, async (p) => {
      assert.equal(await p.$$eval('.note-typographic', (els) => els.length), 0, 'a boxed typographic note');
      const [addressees, typographic] = [await top(p, '#addressees'), await top(p, 'section.typographic')];
      assert.ok(typographic > addressees, `typographic note at ${typographic} px, addressees at ${addressees} px`);
      assert.match(await p.textContent('section.typographic'), /space before the comma/);
    });
  });

  it('the menu links the changes between editions', async () => {
    await onPage('recommendations/iii-16/', PHONE, async (p) => {
      await p.click('.menu > summary');
      assert.ok(await p.isVisible(`.menu .site-nav a[href="${basePath}changes/"]`));
    }, { javaScriptEnabled: false });
    await onPage('changes/', LAPTOP, async (p) => {
      const current = await p.$eval(`.nav-row a[href="${basePath}changes/"]`, (a) => a.getAttribute('aria-current'));
      assert.equal(current, 'page');
    });
  });

  it('the data dictionary reads as a list at both widths: no field name breaks', async () => {
    for (const viewport of [PHONE, LAPTOP]) {
      await onPage('data/', viewport, async (p) => {
        const fields = await p.$$eval('main li > strong:first-child > code', (cs) => cs.map((c) => ({
          name: c.textContent, lines: c.getClientRects().length, h: c.getBoundingClientRect().height })));
        const names = fields.map((f) => f.name);
        for (const f of ['id', 'party_qualifiers', 'list_status', 'editorial', 'url']) assert.ok(names.includes(f), String(names));
        for (const f of fields) assert.equal(f.lines, 1, `${f.name} wraps at ${viewport.width} px`);
        assert.equal(await p.$$eval('main table', (ts) => ts.length), 0);
      });
    }
  });

  it('the matrix counts what concerns a Party, what may apart, and keeps names in view', async () => {
    await onPage('', PHONE, async (p) => {
      const row = await p.evaluate(() => {
        const tr = [...document.querySelectorAll('table.matrix tbody tr')]
          .find((r) => r.querySelector('th').textContent.trim() === 'Finland');
        return [...tr.querySelectorAll('td')].slice(0, 5).map((td) => td.textContent.trim());
      });
      // 77 concern Finland: 1 named (VI-3), 52 to all Parties, 24 open; apart, 3 may (a list
      // lost or incomplete).
      assert.deepEqual(row, ['77', '1', '52', '24', '3']);
      const cols = await p.$$eval('table.matrix thead th', (ths) =>
        ths.slice(0, 6).map((th) => th.textContent.trim()));
      assert.deepEqual(cols, ['Party', 'Total', 'Named', 'All Parties', 'Open', 'May concern']);
      const heads = await p.$$eval('table.matrix thead .col-section', (ths) =>
        ths.map((th) => th.textContent.replace(/\s+/g, ' ').trim()));
      assert.equal(heads[0], 'II Legal frameworks');
      // Scrolled sideways, the Party column stays where it was.
      const box = await p.$('.matrix-scroll');
      const left = (sel) => p.$eval(sel, (e) => e.getBoundingClientRect().left);
      const [nameBefore, cellBefore] = [await left('table.matrix tbody th'), await left('table.matrix tbody td')];
      await box.evaluate((b) => { b.scrollLeft = 400; });
      const [nameAfter, cellAfter] = [await left('table.matrix tbody th'), await left('table.matrix tbody td')];
      assert.ok(cellAfter < cellBefore - 300, 'the table did not scroll');
      const boxLeft = await left('.matrix-scroll');
      assert.ok(nameAfter >= boxLeft && nameAfter <= nameBefore, `Party column at ${nameAfter} px`);
      // Every named cell says its strongest level with a symbol, not by shade alone.
      const cells = await p.$$eval('table.matrix td.lvl', (tds) => tds.map((td) => ({
        sym: td.querySelector('.sym')?.textContent, cls: td.className })));
      const sym = { 'lvl-invite': '○', 'lvl-request': '◐', 'lvl-require': '●' };
      for (const c of cells) assert.equal(c.sym, sym[c.cls.split(' ')[1]], c.cls);
    });
  });

  for (const scheme of ['light', 'dark']) {
    it(`level shades stand 3:1 against the background (${scheme})`, async () => {
      await onPage('', LAPTOP, async (p) => {
        const colours = await p.evaluate(() => {
          const bg = getComputedStyle(document.body).backgroundColor;
          const shade = (l) => getComputedStyle(document.querySelector(`td.lvl-${l}`)).backgroundColor;
          const spacing = getComputedStyle(document.querySelector('table.matrix')).borderSpacing;
          return { bg, spacing, invite: shade('invite'), request: shade('request'), require: shade('require') };
        });
        for (const l of ['invite', 'request', 'require']) {
          const c = contrast(colours[l], colours.bg);
          assert.ok(c >= 3, `${l} ${colours[l]} on ${colours.bg}: ${c.toFixed(2)}`);
        }
        // The three shades differ from one another, and cells stand apart as tiles.
        assert.equal(new Set([colours.invite, colours.request, colours.require]).size, 3);
        assert.notEqual(colours.spacing, '0px 0px');
      }, { colorScheme: scheme });
    });
  }

  for (const [name, viewport] of [['phone', PHONE], ['laptop', LAPTOP]]) {
    it(`on a ${name}, a Party page's first screen says what concerns it and, apart, what may`, async () => {
      await onPage('parties/finland/', viewport, async (p) => {
        const text = (sel) => p.$eval(sel, (e) => e.textContent.replace(/\s+/g, ' ').trim());
        assert.equal(await text('.summary-total'), '77 recommendations concern Finland');
        const summary = await p.$$eval('.summary-list li', (lis) =>
          lis.map((li) => li.textContent.replace(/\s+/g, ' ').trim()));
        assert.deepEqual(summary, ['1 Named', '52 All Parties', '24 Open']);
        assert.match(await text('.summary-may'), /^3 more may concern Finland: /);
        // The group it links to names each recommendation's list as lost or incomplete.
        const items = await p.$$eval('section.group-uncertain .rec-addressees',
          (els) => els.map((e) => e.textContent.trim()));
        assert.deepEqual(items.map((t) => t.replace(/^\d+ /, '')), [
          'Designated Parties (list lost)',
          'designated Parties (list incomplete)',
          'designated Parties (list incomplete)',
        ]);
        // The headline and the "may" line are on the first screen, one below the other.
        const box = (sel) => p.$eval(sel, (e) => {
          const r = e.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom };
        });
        const [head, may] = [await box('.summary-total'), await box('.summary-may')];
        assert.ok(head.bottom <= may.top, `${JSON.stringify(head)} above ${JSON.stringify(may)}`);
        assert.ok(may.bottom < viewport.height, `the "may" line ends at ${may.bottom} px`);
      });
    });
  }

  it('a Party page opens with its summary, and prints as a brief', async () => {
    await onPage('parties/finland/', PHONE, async (p) => {
      assert.ok((await top(p, '.party-summary')) < PHONE.height / 2);
      assert.match(await p.textContent('.breadcrumb'), /Home/);
      await p.emulateMedia({ media: 'print' });
      assert.ok(!(await p.isVisible('section.group-not-designated')));
      assert.ok(await p.isVisible('section.group-uncertain'));
      assert.ok(!(await p.isVisible('.site-nav')) && !(await p.isVisible('#site-search-q')));
      const head = await p.textContent('.print-head');
      assert.match(head, new RegExp(`Printed from .*${basePath}parties/finland/`));
      // The edition printed is the one content/site.toml names (the last release).
      const edition = readFileSync(new URL('../../content/site.toml', import.meta.url), 'utf8')
        .match(/^version = "([^"]+)"\ndate = "([^"]+)"/m);
      assert.ok(head.includes(`edition ${edition[1]} (dataset of ${edition[2]})`), head);
    });
  });

  it('printed on A4, a recommendation fits one page and a Party brief leaves out the rest', async () => {
    const pages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    const rec = await onPage('recommendations/iii-16/', LAPTOP, (p) => p.pdf({ format: 'A4' }));
    assert.equal(pages(rec), 1);
    const brief = await onPage('parties/finland/', LAPTOP, (p) => p.pdf({ format: 'A4' }));
    // 77 recommendations concern Finland and 3 may; the 31 that name only other Parties are
    // not printed.
    assert.ok(pages(brief) <= 6, `${pages(brief)} pages`);
  });

  it('listings link the title, and each row is a comfortable tap target', async () => {
    await onPage('sections/viii/', PHONE, async (p) => {
      const rows = await p.$$eval('ul.rec-list > li', (lis) => lis.map((li) => ({
        h: li.getBoundingClientRect().height,
        title: li.querySelector('a.rec-link .rec-title')?.textContent.trim(),
      })));
      assert.equal(rows.length, 9);
      for (const r of rows) {
        assert.ok(r.title, 'a row without a linked title');
        assert.ok(r.h >= 44, `row ${r.title}: ${r.h} px`);
      }
      // A tap on the row's empty space follows its link.
      const li = await p.$('ul.rec-list > li');
      const box = await li.boundingBox();
      await p.mouse.click(box.x + box.width - 5, box.y + box.height - 5);
      await p.waitForURL(/recommendations\/viii-1\/$/);
    });
  });

  it('section and level pages have a breadcrumb; footnotes lead back to the text', async () => {
    for (const [rel, parent] of [['sections/viii/', 'Sections'], ['levels/invite/', 'Levels']]) {
      await onPage(rel, PHONE, async (p) => {
        const crumbs = await p.$$eval('.breadcrumb li', (lis) => lis.map((li) => li.textContent.trim()));
        assert.deepEqual(crumbs.slice(0, 2), ['Home', parent]);
      });
    }
    await onPage('recommendations/iii-16/', PHONE, async (p) => {
      assert.equal(await p.getAttribute('#fn-141 a.footnote-label', 'href'), '#fnref-141');
      await p.click('#fn-141 a.footnote-label');
      assert.equal(await p.evaluate(() => location.hash), '#fnref-141');
    });
  });

  it('the Parties index fits a phone', async () => {
    await onPage('parties/', PHONE, async (p) => {
      const fits = await p.$eval('.parties-table', (t) =>
        t.getBoundingClientRect().right <= window.innerWidth);
      assert.ok(fits, 'the table is wider than the screen');
    });
  });

  it('search on a phone: results first, filters folded, no layout shift', async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__cls = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(`${site.server.url}search/?q=training`);
      await page.waitForSelector('[data-results] li');
      await page.waitForTimeout(300);
      assert.ok((await top(page, '[data-results] li')) < PHONE.height, 'first result below the screen');
      assert.equal(await page.$eval('details.filters', (d) => d.open), false);
      const cls = await page.evaluate(() => window.__cls);
      assert.ok(cls < 0.1, `cumulative layout shift ${cls}`);
      // Few Tab presses from the box to the first result.
      await page.focus('#search-q');
      let presses = 0;
      while (presses < 10) {
        await page.keyboard.press('Tab');
        presses += 1;
        if (await page.evaluate(() => document.activeElement?.classList.contains('result-link'))) break;
      }
      assert.ok(presses <= 4, `${presses} Tab presses to the first result`);
      // The keyboard is explained on the page.
      assert.match(await page.textContent('#search-keys'), /↓/);
      // Section filters carry names; an option with nothing to show is disabled.
      await page.click('details.filters > summary');
      assert.match(await page.textContent('label[for="facet-section-II"]'), /^II Legal frameworks \(\d+\)$/);
      const disabled = await page.$$eval('.facet input:disabled', (is) => is.length);
      assert.ok(disabled > 0, 'no zero-count option is disabled');
    } finally {
      await context.close();
    }
    await onPage('search/?q=training', LAPTOP, async (p) => {
      await p.waitForSelector('[data-results] li');
      assert.equal(await p.$eval('details.filters', (d) => d.open), true);
    });
  });

  it('the footer\'s links sit on one row, each a comfortable tap target', async () => {
    for (const viewport of [PHONE, LAPTOP]) {
      const links = await onPage('', viewport, (p) => p.$$eval('footer .footer-links a', (as) =>
        as.map((a) => { const r = a.getBoundingClientRect(); return { text: a.textContent, top: r.top, h: r.height }; })));
      assert.deepEqual(links.map((l) => l.text), ['Changes between editions', 'Accessibility'], JSON.stringify(viewport));
      assert.ok(Math.abs(links[0].top - links[1].top) < 1, `one row at ${viewport.width} px: ${JSON.stringify(links)}`);
      for (const l of links) assert.ok(l.h >= 24, `${l.text} is ${l.h} px tall`);
    }
  });

  it('serves favicon.ico and an apple-touch icon', async () => {
    for (const [file, type] of [['favicon.ico', /image\/(x-icon|vnd\.microsoft\.icon)/], ['apple-touch-icon.png', /image\/png/]]) {
      const r = await fetch(site.server.url + file);
      assert.equal(r.status, 200, file);
      assert.match(r.headers.get('content-type'), type);
    }
    const html = await (await fetch(site.server.url)).text();
    assert.match(html, /<link rel="apple-touch-icon" href="[^"]*apple-touch-icon\.png">/);
  });
});
