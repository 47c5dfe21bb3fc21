// The search page: the engine (search-engine.js) over the index `recpub build` writes under
// search/, wired to the page's form, facets, results, URL state, keyboard and CSV export. Renders
// with DOM methods and textContent only: data never becomes markup. When the index cannot be
// read (another format version, a failed download) it says so once on the console and leaves
// the page as it is without JavaScript: the form, and the links to browse instead. The offline
// edition inlines both modules as one script (src/search/client.rs): import the engine's names
// unrenamed, in the one import below.

import { FormatVersionError, createEngine, emptyFilters, snippet } from './search-engine.js';

/**
 * The columns of data/recommendations.csv, in its order (src/render/data.rs); a site of several
 * reports has a `report` column first.
 */
export const CSV_COLUMNS = ['id', 'section', 'level', 'scope', 'parties', 'party_qualifiers', 'sectors', 'list_status',
  'title', 'text', 'footnotes', 'references_recommendations', 'references_articles', 'references_explanatory_report',
  'editorial_notes', 'corrections_footnote', 'corrections_source', 'corrections_published', 'url'];

/** The editorial columns: notes as "kind: note" lines; corrections as three columns of lines. */
function editorialCells(r) {
  const notes = (r.editorial || []).map((e) => `${e.kind}: ${e.note}`).join('\n');
  const corr = (r.editorial || []).flatMap((e) => e.corrections || []);
  const col = (f) => corr.map(f).join('\n');
  return [notes, col((c) => c.footnote ?? ''), col((c) => c.source), col((c) => c.published)];
}

/**
 * One CSV cell. A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe; quotes, commas and line breaks are quoted.
 */
export function csvCell(value) {
  let s = String(value ?? '');
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Records of data/recommendations.json as CSV rows, lists joined as the site's CSV joins them;
 * with a `report` column first when the records carry their report (a site of several).
 */
export function toCsv(records) {
  const withReport = records.some((r) => r.report !== undefined);
  const pairs = (o, f) => Object.entries(o || {}).map(f).join('; ');
  const row = (r) => [r.id, r.section, r.level, r.scope, (r.parties || []).join('; '),
    pairs(r.party_qualifiers, ([n, q]) => `${n}: ${q}`), pairs(r.sectors, ([s, ns]) => `${s}: ${ns.join(', ')}`),
    r.list_status, r.title, r.text, (r.footnotes || []).map((f) => `${f.label}: ${f.text}`).join('; '),
    r.references.recommendations.join('; '), r.references.articles.join('; '),
    r.references.explanatory_report.join('; '), ...editorialCells(r), r.url];
  const rows = [CSV_COLUMNS, ...records.map(row)];
  const cells = withReport ? rows.map((r, i) => [i ? records[i - 1].report : 'report', ...r]) : rows;
  return cells.map((c) => `${c.map(csvCell).join(',')}\n`).join('');
}

/** The checkbox facets, in the order of the page and of the URL. */
const FACETS = ['report', 'level', 'section', 'scope'];
const PAGE = 10;

/** Reads query and filters from a URL's search part. */
export function stateFromUrl(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') || '',
    filters: {
      report: new Set(p.getAll('report')),
      level: new Set(p.getAll('level')),
      section: new Set(p.getAll('section')),
      scope: new Set(p.getAll('scope')),
      party: p.get('party') || '',
      named: p.get('named') === '1',
      article: p.get('article') || '',
      notParty: p.get('notparty') || '',
    },
  };
}

/** Writes query and filters as a URL search part (stable order, so URLs are shareable). */
export function urlFromState({ q, filters }) {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  for (const key of FACETS) for (const v of [...filters[key]].sort()) p.append(key, v);
  if (filters.party) p.set('party', filters.party);
  if (filters.party && filters.named) p.set('named', '1');
  if (filters.article) p.set('article', filters.article);
  if (filters.notParty) p.set('notparty', filters.notParty);
  const s = p.toString();
  return s ? `?${s}` : '';
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/**
 * Reads a JSON file of the site: fetched over HTTP. Opened from a folder (file://), where
 * browsers refuse fetch, the offline edition has a `.js` twin beside each file the page loads,
 * which a script tag may load: it stores the data in window.RECPUB_INDEX under the file's name.
 */
function loadJson(url) {
  if (location.protocol !== 'file:') return fetch(url).then((r) => r.json());
  const name = new URL(url, location.href).pathname.split('/').pop();
  const store = (window.RECPUB_INDEX ??= {});
  return new Promise((resolve, reject) => {
    const script = el('script', { src: `${url}.js` });
    script.onload = () => (name in store ? resolve(store[name]) : reject(new Error(`${url}.js holds no ${name}`)));
    script.onerror = () => reject(new Error(`cannot load ${url}.js`));
    document.head.append(script);
  });
}

/** Wires the search page inside `root` (which carries data-index, the entry file's URL). */
export async function initSearch(root) {
  const entryUrl = root.dataset.index;
  const base = new URL(entryUrl, location.href);
  const load = (path) => loadJson(new URL(path.replace(/^search\//, ''), base));
  const engine = createEngine(await loadJson(entryUrl), load);
  const input = root.querySelector('input[name=q]');
  const status = root.querySelector('[data-status]');
  const list = root.querySelector('[data-results]');
  const facetBox = root.querySelector('[data-facets]');
  // Filters fold away on narrow screens, so results come first; wide screens show them beside.
  const filters = root.querySelector('[data-filters]');
  const filterCount = root.querySelector('[data-filter-count]');
  if (filters && window.matchMedia('(min-width: 50rem)').matches) filters.open = true;
  const more = root.querySelector('[data-more]');
  more.addEventListener('click', () => showMore());
  const notesBox = root.querySelector('[data-notes]');
  const exportButton = root.querySelector('[data-export]');
  exportButton?.addEventListener('click', () => exportResults());
  const words = root.dataset; // the theme's strings (i18n/<language>.toml), as data-t-* attributes
  const contentLang = root.dataset.contentLang; // set only when it differs from the page's lang
  // A shared link may name a Party or a report that does not exist: drop it, so the URL, the
  // filters and the results agree.
  const several = engine.reports.length > 1;
  const known = (st) => {
    if (engine.partyIndex(st.filters.party) < 0) st.filters.party = '';
    const slugs = several ? engine.reports.map((r) => r.slug) : [];
    st.filters.report = new Set([...st.filters.report].filter((s) => slugs.includes(s)));
    return st;
  };
  let state = known(stateFromUrl(location.search));
  let run = 0;

  async function update(push) {
    const mine = ++run;
    const started = performance.now();
    const result = await engine.search(state.q, state.filters);
    if (mine !== run) return; // a newer query is under way
    const url = location.pathname + urlFromState(state);
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
    await renderResults(result);
    renderNotes(result);
    renderFacets(result.counts, result.party);
    // Query to rendered results, for the benchmark (bench/search.mjs) and the browser's tools.
    performance.measure('recpub:query', { start: started });
    if (!result.hits.length && state.q.trim()) await renderHelp(mine);
  }

  let current = { hits: [], isMatch: () => false };
  let shown = 0;

  async function renderResults({ hits, matched }) {
    current = { hits, isMatch: (w) => matched.has(engine.stemOfWord(w)) };
    shown = 0;
    // A reader who has moved into the results keeps their place when the list is redrawn.
    const focused = [...list.querySelectorAll('a.result-link')].indexOf(document.activeElement);
    list.replaceChildren();
    await showMore();
    if (focused >= 0) list.querySelectorAll('a.result-link')[focused]?.focus();
  }

  /** Appends the next page of results; the count is announced once, politely. */
  async function showMore() {
    const { hits, isMatch } = current;
    const items = [];
    for (const [d] of hits.slice(shown, shown + PAGE)) items.push(await resultItem(d, isMatch));
    list.append(...items);
    shown += items.length;
    more.hidden = shown >= hits.length;
    if (exportButton) exportButton.hidden = hits.length === 0;
    status.textContent = foundLine(words, hits.length, shown);
  }

  async function resultItem(d, isMatch) {
    const [id, title, text] = await engine.doc(d);
    const f = engine.facets(d);
    const href = engine.docUrl(d, id);
    const level = engine.levels.find((l) => l.key === f.level);
    // In a site of several reports, each result names its report (both filled in one pass, so a
    // report's name is never read as a placeholder).
    const section = engine.section(d).id;
    const where = (several ? words.tResultReportSection : words.tResultSection)
      .replace(/\{(report|id)\}/g, (_, k) => (k === 'id' ? section : engine.report(d).name));
    // The Committee's words carry the content's language when the interface's is another.
    const inContent = contentLang ? { lang: contentLang } : {};
    const titled = contentLang ? el('span', inContent, title) : title;
    const link = el('a', { href, class: 'result-link' }, el('span', { class: 'result-id' }, id), ' ', titled);
    const meta = el('p', { class: 'result-meta' },
      el('span', { class: `badge level-${level.id}` }, level.label),
      ` ${where} · ${engine.entry.scopes.find((s) => s.id === f.scope).label}`);
    const snip = el('p', { class: 'result-snippet', ...inContent });
    for (const [part, marked] of snippet(text, isMatch)) snip.append(marked ? el('mark', {}, part) : part);
    return el('li', { class: 'result' }, el('h3', {}, link), meta, snip);
  }

  /** A link that runs the search for `q` (with the current filters) in place. */
  function queryLink(q, filters = state.filters) {
    const a = el('a', { href: location.pathname + urlFromState({ q, filters }) }, q);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      state = { q, filters };
      input.value = q;
      update(true);
    });
    return a;
  }

  /** `items` (nodes or text) separated by commas. */
  const commaList = (items) => items.flatMap((x, i) => (i ? [', ', x] : [x]));

  /** "Also searched for: self-generated sexual images (for “sexting”)": each widened word. */
  function widenedNote(widened) {
    const seen = new Set();
    const parts = [];
    for (const { from, to } of widened) {
      const key = `${from}\u0000${to.join('\u0000')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const forWord = words.tWidenedFor.replaceAll('{word}', from);
      parts.push([...commaList(to.map((t) => el('strong', {}, t))), ' ', forWord]);
    }
    const p = el('p', { class: 'search-widened' }, words.tWidened, ' ');
    parts.forEach((part, i) => p.append(...(i ? ['; '] : []), ...part));
    p.append('.');
    return p;
  }

  /**
   * Below a search that found nothing: spelling suggestions, the Committee's related terms,
   * the same query without its filters, and the browse links. Computed only then; dropped if a
   * newer query has started meanwhile.
   */
  async function renderHelp(mine) {
    const [spellings, terms] = await Promise.all([engine.spellings(state.q, state.filters), engine.committeeTerms(state.q)]);
    const active = filterCount?.textContent !== '';
    const unfiltered = active ? (await engine.search(state.q, emptyFilters())).hits.length : 0;
    if (mine !== run) return;
    const help = el('div', { class: 'search-help' });
    if (spellings.length) {
      help.append(el('p', { class: 'search-spelling' }, words.tSpelling, ' ', ...commaList(spellings.map((q) => queryLink(q))), '?'));
    }
    if (unfiltered) {
      const clear = el('button', { type: 'button' }, words.tWithoutFilters.replaceAll('{n}', unfiltered));
      clear.addEventListener('click', () => {
        state.filters = emptyFilters();
        update(true);
      });
      help.append(el('p', { class: 'search-unfiltered' }, clear));
    }
    const others = terms.terms.filter((q) => !spellings.includes(q)); // not offered twice
    if (others.length) {
      help.append(el('p', { class: 'search-terms' }, terms.related ? words.tTermsRelated : words.tTerms, ' ',
        ...commaList(others.map((q) => queryLink(q, emptyFilters()))), '.'));
    }
    const browse = root.querySelector('template[data-browse]');
    if (browse) help.append(browse.content.cloneNode(true));
    notesBox?.append(help);
  }

  /** Above the results: the Party taken from the query (removable), its page, relaxed matching. */
  function renderNotes({ relaxed, party, partyOnly, widened }) {
    const notes = [];
    if (widened.length) notes.push(widenedNote(widened));
    if (party) {
      const p = engine.partyIndex(party);
      const name = engine.entry.parties[p][1];
      const remove = el('button', { type: 'button', class: 'party-remove' }, words.tPartyRemove);
      remove.addEventListener('click', () => {
        state.filters.notParty = party;
        update(true);
      });
      if (partyOnly && engine.entry.partyUrls) {
        notes.push(el('p', { class: 'search-party-page' },
          el('a', { href: engine.entry.partyUrls[p] }, words.tPartyPage.replaceAll('{party}', name))));
      }
      notes.push(el('p', { class: 'search-party' }, words.tParty.replaceAll('{party}', name), ' ', remove));
    }
    if (relaxed) notes.push(el('p', { class: 'search-relaxed' }, words.tRelaxed));
    notesBox?.replaceChildren(...notes);
  }

  /**
   * The current results, in their order, as CSV with the columns of the site's own CSV. A
   * record is found by its report and id (ids are unique within a report only).
   */
  async function exportResults() {
    const records = await loadJson(engine.entry.dataUrl);
    const key = (report, id) => `${report} ${id}`;
    const byId = new Map(records.map((r) => [key(r.report ?? '', r.id), r]));
    const keys = await Promise.all(current.hits.map(async ([d]) => key(engine.report(d).slug, (await engine.doc(d))[0])));
    const blob = new Blob([toCsv(keys.map((k) => byId.get(k)).filter(Boolean))], { type: 'text/csv;charset=utf-8' });
    const a = el('a', { href: URL.createObjectURL(blob), download: words.tExportFile });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  /** The facets; `queryParty` is the Party taken from the query, shown as the Party filter. */
  function renderFacets(counts, queryParty) {
    // The Report filter only in a site of several reports.
    const groups = FACETS.filter((key) => key !== 'report' || several).map((key) => facetGroup(key, counts[key]));
    groups.push(partyFacet(counts.party, queryParty));
    if (engine.entry.art?.length) groups.push(articleFacet(counts.article));
    facetBox.replaceChildren(...groups);
    const active = FACETS.reduce((n, key) => n + state.filters[key].size, 0)
      + (state.filters.party || queryParty ? 1 : 0) + (state.filters.article ? 1 : 0);
    if (filterCount) filterCount.textContent = active ? `(${active})` : '';
  }

  /**
   * A checkbox facet. In a site of several reports, the sections are grouped by report, each
   * group a fieldset named by its report (section "1" of one report is not of another).
   */
  function facetGroup(key, counts) {
    const names = { report: words.tFacetReport, level: words.tFacetLevel, section: words.tFacetSection, scope: words.tFacetScope };
    const box = el('fieldset', { class: 'facet' }, el('legend', {}, names[key]));
    if (key === 'section' && several) {
      engine.reports.forEach((r, k) => {
        const own = engine.sections.filter((s) => s.report === k).map((s) => [s.key, `${s.id} ${s.title}`]);
        const group = el('fieldset', { class: 'facet' }, el('legend', {}, r.name));
        addOptions(group, key, own, counts);
        box.append(group);
      });
      return box;
    }
    const values = {
      report: () => engine.reports.map((r) => [r.slug, r.name]),
      level: () => engine.levels.map((l) => [l.key, l.label]),
      section: () => engine.sections.map((s) => [s.key, `${s.id} ${s.title}`]),
      scope: () => engine.entry.scopes.map((c) => [c.id, c.label]),
    }[key]();
    addOptions(box, key, values, counts);
    return box;
  }

  /** A checkbox for each of `values` ([value, label]) of facet `key`, with its count. */
  function addOptions(box, key, values, counts) {
    for (const [value, label] of values) {
      const id = `facet-${key}-${value}`;
      const cb = el('input', { type: 'checkbox', id, name: key, value });
      cb.checked = state.filters[key].has(value);
      // An option that would give nothing is shown, greyed out, so the list keeps its shape.
      const empty = !counts[value] && !cb.checked;
      cb.disabled = empty;
      cb.addEventListener('change', () => {
        state.filters[key][cb.checked ? 'add' : 'delete'](value);
        update(true);
      });
      box.append(el('div', { class: empty ? 'facet-option is-empty' : 'facet-option' }, cb,
        el('label', { for: id }, `${label} (${counts[value] || 0})`)));
    }
  }

  /**
   * The Party filter. A Party named in the query is its value, as it filters the results;
   * choosing "Any Party" then searches its name as words (as the note's button does).
   */
  function partyFacet(counts, queryParty) {
    const select = el('select', { id: 'facet-party', name: 'party' });
    const chosen = state.filters.party || queryParty;
    select.append(el('option', { value: '' }, words.tAnyParty));
    // Counts appear once the Party data is loaded: at once when small, on first use when large.
    if (!counts) select.addEventListener('focus', () => engine.loadParties().then(() => update(false)), { once: true });
    for (const [slug, name] of engine.entry.parties) {
      const o = el('option', { value: slug }, counts ? `${name} (${counts[slug] || 0})` : name);
      o.selected = chosen === slug;
      select.append(o);
    }
    select.addEventListener('change', () => {
      if (queryParty && !select.value) state.filters.notParty = queryParty;
      state.filters.party = select.value === queryParty ? '' : select.value;
      update(true);
    });
    const named = el('input', { type: 'checkbox', id: 'facet-named', name: 'named', value: '1' });
    named.checked = state.filters.named;
    named.addEventListener('change', () => {
      state.filters.named = named.checked;
      update(true);
    });
    return el('fieldset', { class: 'facet' }, el('legend', {}, words.tFacetParty),
      el('label', { for: 'facet-party' }, words.tFacetConcerns), select,
      el('div', { class: 'facet-option' }, named, el('label', { for: 'facet-named' }, words.tFacetNamed)));
  }

  /** Convention articles the recommendations refer to, by number. */
  function articleFacet(counts) {
    const select = el('select', { id: 'facet-article', name: 'article' });
    select.append(el('option', { value: '' }, words.tAnyArticle));
    for (const a of engine.entry.art) {
      const o = el('option', { value: a }, `${words.tArticleOption.replace('{n}', a)} (${counts[a] || 0})`);
      o.selected = state.filters.article === a;
      select.append(o);
    }
    select.addEventListener('change', () => {
      state.filters.article = select.value;
      update(true);
    });
    return el('fieldset', { class: 'facet' }, el('legend', {}, words.tArticle),
      el('label', { for: 'facet-article', class: 'visually-hidden' }, words.tArticle), select);
  }

  let typing;
  input.value = state.q;
  input.addEventListener('input', () => {
    state.q = input.value;
    clearTimeout(typing);
    typing = setTimeout(() => update(false), 60);
  });
  root.querySelector('form').addEventListener('submit', (e) => {
    e.preventDefault();
    state.q = input.value;
    update(true);
  });
  root.addEventListener('keydown', (e) => onKey(e, input, list));
  window.addEventListener('popstate', () => {
    state = known(stateFromUrl(location.search));
    input.value = state.q;
    update(false);
  });
  root.classList.add('search-ready');
  await update(false);
}

/** Arrow keys move between the box and the results; Escape returns to the box, then clears it. */
function onKey(e, input, list) {
  const links = [...list.querySelectorAll('a.result-link')];
  const at = links.indexOf(document.activeElement);
  if (e.key === 'ArrowDown' && (document.activeElement === input || at >= 0)) {
    links[Math.min(at + 1, links.length - 1)]?.focus();
    e.preventDefault();
  } else if (e.key === 'ArrowUp' && at >= 0) {
    (at === 0 ? input : links[at - 1]).focus();
    e.preventDefault();
  } else if (e.key === 'Escape') {
    if (document.activeElement !== input) input.focus();
    else input.value = '';
    if (input.value === '') input.dispatchEvent(new Event('input'));
  }
}

/**
 * The status line: how many were found and, when not all are listed yet, how many are, in the
 * theme's words (`found`, `found_one`, `found_first`, `found_none` of `[search]`).
 */
function foundLine(words, found, shown) {
  if (found === 0) return words.tFoundNone;
  if (found === 1) return words.tFoundOne;
  const line = found > shown ? words.tFoundFirst.replaceAll('{shown}', shown) : words.tFound;
  return line.replaceAll('{n}', found);
}

/**
 * When search cannot run: one console error, and the page as it is without JavaScript (its
 * form submits as a plain form; the browse links of its <noscript> are shown).
 */
function fallBack(root, err) {
  console.error(err instanceof FormatVersionError ? err.message : err);
  const status = root.querySelector('[data-status]');
  if (status) status.textContent = root.dataset.tFailed;
  const fallback = root.querySelector('template[data-fallback]');
  fallback?.replaceWith(fallback.content.cloneNode(true));
}

if (typeof document !== 'undefined') {
  const root = document.querySelector('[data-search]');
  if (root) initSearch(root).catch((err) => fallBack(root, err));
}
