// Client-side search over the index `recpub build` writes under search/. No dependencies.
// The engine (createEngine) is pure and runs in Node for tests; the page part (initSearch)
// renders with DOM methods and textContent only: data never becomes markup.

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DIGIT_VALUE = Object.fromEntries([...DIGITS].map((c, i) => [c, i]));

/** Decodes the index's compact numbers (see src/search/encode.rs). */
export function decodeVarints(s) {
  const out = [];
  let n = 0;
  let shift = 0;
  for (const c of s) {
    const d = DIGIT_VALUE[c];
    if (d >= 32) {
      n += (d - 32) * 2 ** shift;
      shift += 5;
    } else {
      out.push(n + d * 2 ** shift);
      n = 0;
      shift = 0;
    }
  }
  return out;
}

/** Same rule as src/search/text.rs: lower-cased runs of letters and digits, no single letters. */
export function tokenize(text) {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).filter((w) => w.length > 1 || /\d/.test(w));
}

/** Restricted Damerau–Levenshtein distance, stopping early above 1. */
export function withinOneEdit(a, b) {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i); // insertion or deletion
}

/** First index in sorted `arr` whose item is >= `key`. */
function lowerBound(arr, key) {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Per document, a list of small numbers (Parties it designates, articles it cites). */
function decodeLists(encoded, n) {
  const dp = decodeVarints(encoded);
  const out = [];
  for (let i = 0, k = 0; i < n; i++) {
    const count = dp[k++];
    out.push(dp.slice(k, k + count));
    k += count;
  }
  return out;
}

/** How many top hits are compared with the query for an exact title match. */
const TITLE_CHECK = 10;

/** A recommendation id typed any way: "III-14", "iii 14", "iii-14". */
const ID_PATTERN = /\b([ivxlc]+)[\s\-–]*(\d+)\b/gi;

/** At most this many query words are searched: a pasted page must not block the page. */
const MAX_WORDS = 24;

/** Words that frame a question rather than say what it is about: dropped when others remain. */
const QUESTION_WORDS = new Set(['about', 'any', 'can', 'could', 'did', 'do', 'does', 'how', 'me', 'my', 'should', 'what', 'when', 'where', 'why', 'would']);

/** Parses a query: its words in order (`tokens`), quoted phrases, ids, and the searched terms. */
export function parseQuery(query, stopWords) {
  const phrases = [];
  const rest = query.replace(/"([^"]*)"?/g, (_, p) => {
    if (tokenize(p).length) phrases.push(tokenize(p).slice(0, MAX_WORDS));
    return ' ';
  });
  const ids = [...query.slice(0, 2000).matchAll(ID_PATTERN)].map((m) => `${m[1].toUpperCase()}-${Number(m[2])}`);
  const tokens = tokenize(rest).slice(0, 4 * MAX_WORDS);
  return { tokens, phrases: phrases.slice(0, 4), ids, lastIsPrefix: !/[\s"]$/.test(query), terms: termsOf(tokens, phrases, stopWords) };
}

/** The words searched: content words, each once; a query of stop words alone keeps them. */
function termsOf(tokens, phrases, stopWords) {
  const all = [...tokens, ...phrases.flat()];
  const content = all.filter((t) => !stopWords.has(t) && !QUESTION_WORDS.has(t));
  return [...new Set(content.length ? content : all)].slice(0, MAX_WORDS);
}

/** Folds a word for comparing readers' words: no accents, no final plural "s". */
export function fold(word) {
  const w = word.normalize('NFD').replace(/\p{M}/gu, '');
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}

/** How much an expanded word (thesaurus) counts, against 1 for the reader's own word. */
const EXPANDED = 0.7;
/** In relaxed matching, each matched query word outranks any difference in BM25 weight. */
const PER_WORD = 1e4;
/** A Party named in the query: the recommendations that name it weigh this much more. */
const NAMED_BOOST = 2;

/**
 * The search engine over one loaded index. `load(path)` fetches another index file (a shard or
 * fragment) as parsed JSON; it is only called for large, split indexes.
 */
export function createEngine(entry, load) {
  const words = entry.words.split(' ');
  const wordStem = decodeVarints(entry.ws);
  const stems = entry.stems.split(' ');
  const stemIndex = new Map(stems.map((s, i) => [s, i]));
  const n = entry.n;
  const stop = new Set(entry.stop);
  const contentWords = (text) => tokenize(text).filter((w) => !stop.has(w));
  // Readers' words → the Committee's (content/thesaurus.toml), keyed by folded content words.
  const thesaurus = { map: new Map(), longest: 0 };
  for (const [readers, committee] of entry.thes || []) {
    const alts = committee.map(contentWords).filter((a) => a.length);
    for (const r of readers) {
      const key = contentWords(r).map(fold);
      thesaurus.map.set(key.join(' '), alts);
      thesaurus.longest = Math.max(thesaurus.longest, key.length);
    }
  }
  // Parties' names and other names, as folded words (stop words kept: "Bosnia and …").
  const partyNames = [...entry.parties.map(([, name], p) => [p, name]), ...(entry.aliases || [])]
    .map(([p, name]) => [p, tokenize(name).map(fold)])
    .sort((a, b) => b[1].length - a[1].length);
  const docArticles = entry.da === undefined ? null : decodeLists(entry.da, n);
  // Designated Parties per document: inline at small scale, else loaded with the Party facet.
  let docParties = entry.dp === undefined ? null : decodeLists(entry.dp, n);
  let partiesLoading = null;
  async function loadParties() {
    if (docParties) return;
    partiesLoading ||= load(entry.dpFile).then((dp) => { docParties = decodeLists(dp, n); });
    await partiesLoading;
  }
  const sectionOf = [];
  const firstOfSection = new Map();
  entry.sections.forEach(([id, , count], s) => {
    firstOfSection.set(id, sectionOf.length);
    for (let i = 0; i < count; i++) sectionOf.push(s);
  });
  const postingCache = new Map();
  const shardCache = new Map();
  const fragCache = new Map();

  async function postings(stem) {
    if (postingCache.has(stem)) return postingCache.get(stem);
    let encoded;
    if (entry.post) encoded = entry.post[stem];
    else {
      const s = lowerBound(entry.shardStarts, stem + 1) - 1;
      if (!shardCache.has(s)) shardCache.set(s, load(entry.shards[s]));
      encoded = (await shardCache.get(s))[stem - entry.shardStarts[s]];
    }
    const raw = decodeVarints(encoded);
    const list = new Map();
    for (let i = 0, doc = 0; i < raw.length; i += 2) {
      doc += raw[i];
      list.set(doc, raw[i + 1]);
    }
    postingCache.set(stem, list);
    return list;
  }

  /** A document's [id, title, text]. */
  async function doc(i) {
    if (entry.docs) return entry.docs[i];
    const f = Math.floor(i / entry.fragSize);
    if (!fragCache.has(f)) fragCache.set(f, load(entry.frags[f]));
    return (await fragCache.get(f))[i % entry.fragSize];
  }

  /**
   * Stems a query term may mean, each with a match quality in (0, 1]. `typos`: also words one
   * edit away, when nothing else matches (not for a word the thesaurus knows: "sexting" is
   * not a typo of "setting").
   */
  function expand(term, asPrefix, typos = true) {
    const found = new Map();
    const add = (stem, q) => found.set(stem, Math.max(found.get(stem) || 0, q));
    const w = lowerBound(words, term);
    if (words[w] === term) add(wordStem[w], 1);
    // A form the text does not use ("prosecute") still meets its stem ("prosecut").
    for (let len = term.length; len >= Math.max(3, term.length - 3); len--) {
      const s = stemIndex.get(term.slice(0, len));
      if (s !== undefined) add(s, 0.9 - 0.05 * (term.length - len));
    }
    if (asPrefix && term.length >= 2) {
      for (let i = w; i < words.length && words[i].startsWith(term) && i < w + 100; i++) {
        add(wordStem[i], 0.5 + 0.4 * (term.length / words[i].length));
      }
    }
    if (typos && found.size === 0 && term.length >= 5 && !/^\d+$/.test(term)) {
      for (let i = 0; i < words.length; i++) {
        if (withinOneEdit(term, words[i])) add(wordStem[i], 0.6);
      }
    }
    return found;
  }

  function idf(df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** One word's scores: Map doc → best weight among the stems it may mean. */
  async function wordScores(term, asPrefix, matched, typos) {
    const out = new Map();
    for (const [stem, quality] of expand(term, asPrefix, typos)) {
      matched.add(stem);
      const list = await postings(stem);
      const weight = quality * idf(list.size);
      for (const [d, w] of list) out.set(d, Math.max(out.get(d) || 0, weight * w));
    }
    return out;
  }

  /** Documents matching every word of `words`, with the sum of their scores. */
  async function allOf(words, prefixLast, matched, typos = true) {
    let acc = null;
    for (const [k, w] of words.entries()) {
      const m = await wordScores(w, prefixLast && k === words.length - 1, matched, typos);
      acc = acc === null ? m : intersect(acc, m);
      if (!acc.size) break;
    }
    return acc || new Map();
  }

  /**
   * A concept's scores: its own words, all of them, or any of the Committee's terms the
   * thesaurus gives for them, ranked below (EXPANDED) as if it had as many words.
   */
  async function conceptScores(c, matched) {
    const scores = await allOf(c.words, c.prefix, matched, !c.alts.length);
    for (const alt of c.alts) {
      for (const [d, s] of await allOf(alt, false, matched)) {
        const v = (EXPANDED * s * c.words.length) / alt.length;
        if (v > (scores.get(d) || 0)) scores.set(d, v);
      }
    }
    return scores;
  }

  /** Query words grouped into concepts, the longest thesaurus entries first. */
  function concepts(words, prefixLast) {
    const out = [];
    for (let i = 0; i < words.length;) {
      let len = Math.min(thesaurus.longest, words.length - i);
      while (len > 0 && !thesaurus.map.has(words.slice(i, i + len).map(fold).join(' '))) len--;
      const own = words.slice(i, i + Math.max(len, 1));
      out.push({ words: own, alts: len ? thesaurus.map.get(own.map(fold).join(' ')) : [], prefix: false });
      i += own.length;
    }
    if (prefixLast && out.length) out.at(-1).prefix = true;
    return out;
  }

  /**
   * Scores documents: those matching every concept; when none does, those matching most of
   * the query's words (relaxed), by how many they match, then by weight.
   */
  async function match(cs) {
    const matched = new Set();
    const maps = [];
    for (const c of cs) maps.push(await conceptScores(c, matched));
    let scores = maps.reduce((acc, m) => (acc === null ? new Map(m) : intersect(acc, m)), null) || new Map();
    const relaxed = scores.size === 0 && maps.length > 1;
    if (relaxed) {
      for (const [k, m] of maps.entries()) {
        for (const [d, s] of m) scores.set(d, (scores.get(d) || 0) + cs[k].words.length * PER_WORD + s);
      }
    }
    return { scores, matched, relaxed };
  }

  function intersect(a, b) {
    const out = new Map();
    for (const [d, s] of a) if (b.has(d)) out.set(d, s + b.get(d));
    return out;
  }

  /** The first Party name (or other name) in `tokens`, longest first: {p, start, len}. */
  function findParty(tokens) {
    const folded = tokens.map(fold);
    for (let i = 0; i < folded.length; i++) {
      for (const [p, name] of partyNames) {
        if (name.every((w, k) => folded[i + k] === w)) return { p, start: i, len: name.length };
      }
    }
    return null;
  }

  /**
   * The query's Party: one chosen in the filters, else one named in the query (unless the
   * reader removed it: `notParty`). A Party named in the query is taken out of its words.
   */
  function queryParty(parsed, filters) {
    const chosen = partyIndex(filters.party);
    const found = findParty(parsed.tokens);
    const removed = partyIndex(filters.notParty);
    if (!found || (chosen >= 0 ? found.p !== chosen : found.p === removed)) return { party: chosen, fromQuery: false, tokens: parsed.tokens };
    const tokens = [...parsed.tokens.slice(0, found.start), ...parsed.tokens.slice(found.start + found.len)];
    return { party: found.p, fromQuery: chosen < 0, tokens, lastTaken: found.start + found.len === parsed.tokens.length };
  }

  function docIndexOfId(id) {
    const [sec, num] = id.split('-');
    const first = firstOfSection.get(sec);
    if (first === undefined) return -1;
    const i = first + Number(num) - 1;
    return sectionOf[i] === sectionOf[first] ? i : -1;
  }

  /** Facet values of a document. */
  function facets(d) {
    return {
      level: entry.levels[Number(entry.lv[d])][0],
      section: entry.sections[sectionOf[d]][0],
      scope: entry.scopes[Number(entry.sc[d])][0],
      listStatus: Number(entry.ls[d]),
      parties: docParties ? docParties[d] : [],
      articles: docArticles ? docArticles[d] : [],
    };
  }

  /**
   * How document facets `f` concern Party number `p`: the one rule, shared by filtering and
   * counting. "Concerns": names it, addresses everyone, is open, or has a list the source does
   * not fully preserve (so it may name it); "named": the source names it.
   */
  function concernsParty(f, p, namedOnly) {
    const named = f.parties.includes(p);
    return namedOnly ? named : named || f.scope !== 'designated' || f.listStatus > 0;
  }

  /** Whether document `d` passes the filters (Party by index `party`), leaving out facet `skip`. */
  function passes(d, filters, skip, party) {
    const f = facets(d);
    for (const key of ['level', 'section', 'scope']) {
      if (key !== skip && filters[key].size && !filters[key].has(f[key])) return false;
    }
    const art = filters.article ? (entry.art || []).indexOf(filters.article) : -1;
    if (skip !== 'article' && art >= 0 && !f.articles.includes(art)) return false;
    return skip === 'party' || party < 0 || concernsParty(f, party, filters.named);
  }

  function countFacets(docs, filters, party) {
    const counts = { level: {}, section: {}, scope: {}, party: docParties ? {} : null, article: {} };
    for (const d of docs) {
      const f = facets(d);
      for (const key of ['level', 'section', 'scope']) {
        if (passes(d, filters, key, party)) counts[key][f[key]] = (counts[key][f[key]] || 0) + 1;
      }
      if (passes(d, filters, 'article', party)) {
        for (const a of f.articles) counts.article[entry.art[a]] = (counts.article[entry.art[a]] || 0) + 1;
      }
      if (counts.party && passes(d, filters, 'party', party)) {
        entry.parties.forEach(([slug], p) => {
          if (concernsParty(f, p, filters.named)) counts.party[slug] = (counts.party[slug] || 0) + 1;
        });
      }
    }
    return counts;
  }

  /** Index of a Party slug, or -1 when there is none (or it is unknown: no Party filter then). */
  function partyIndex(slug) {
    return slug ? entry.parties.findIndex(([s]) => s === slug) : -1;
  }

  /** Phrase check on a document's text (positions are not indexed; texts are at hand). */
  async function hasPhrases(d, phrases) {
    if (!phrases.length) return true;
    const text = ` ${tokenize((await doc(d))[2]).join(' ')} `;
    return phrases.every((p) => text.includes(` ${p.join(' ')} `));
  }

  /**
   * Runs a query with filters {level:Set, section:Set, scope:Set, party:slug|'', named:bool,
   * article:''|number, notParty:slug|''}. Returns ranked hits (doc, score), facet counts, the
   * stems to highlight, whether matching was relaxed, and the Party taken from the query.
   */
  async function search(query, filters) {
    const parsed = parseQuery(query, stop);
    const qp = queryParty(parsed, filters);
    const party = qp.party;
    if (party >= 0) await loadParties();
    const words = termsOf(qp.tokens, parsed.phrases, stop);
    const cs = concepts(words, parsed.lastIsPrefix && !qp.lastTaken);
    const pinned = parsed.ids.map(docIndexOfId).filter((d) => d >= 0);
    const { scores, matched, relaxed } = cs.length ? await match(cs) : { scores: new Map(), matched: new Set(), relaxed: false };
    if (!cs.length && !pinned.length) for (let d = 0; d < n; d++) scores.set(d, 0);
    if (qp.fromQuery) {
      // The recommendations that name the Party lead comparable matches (and a Party alone).
      // Only the weight is boosted: in relaxed matching, the count of words matched stays first.
      const boost = (s) => s + (s % PER_WORD) * (NAMED_BOOST - 1);
      for (const [d, s] of scores) if (docParties[d].includes(party)) scores.set(d, s ? boost(s) : 1);
    }
    const idTokens = new Set(parsed.ids.flatMap((id) => tokenize(id)));
    // Only ids: their recommendations, or nothing when none exists ("XII-1"), never every "1".
    const onlyId = parsed.ids.length && words.every((t) => idTokens.has(t));
    if (onlyId) scores.clear();
    for (const d of pinned) scores.set(d, Infinity);
    const candidates = [];
    for (const [d, s] of scores) if (await hasPhrases(d, parsed.phrases)) candidates.push([d, s]);
    const docs = candidates.map(([d]) => d);
    const counts = countFacets(docs, filters, party);
    const hits = candidates.filter(([d]) => passes(d, filters, null, party));
    await titleFirst(hits, query);
    const slug = qp.fromQuery ? entry.parties[party][0] : '';
    const partyOnly = Boolean(slug) && !words.length && !parsed.ids.length;
    return { hits, counts, matched, terms: words, relaxed: relaxed && !onlyId, party: slug, partyOnly };
  }

  /**
   * Ranks hits by score, an exact title match first after ids. Title words weigh triple, so
   * such a match is among the top hits already: only those are fetched and compared.
   */
  async function titleFirst(hits, query) {
    const byScore = (a, b) => b[1] - a[1] || a[0] - b[0];
    hits.sort(byScore);
    const normQuery = tokenize(query).slice(0, 64).join(' ');
    for (const hit of hits.slice(0, TITLE_CHECK)) {
      if (hit[1] !== Infinity && normQuery && tokenize((await doc(hit[0]))[1]).join(' ') === normQuery) hit[1] += 1e9;
    }
    hits.sort(byScore);
  }

  /** Stem index of a surface word, or -1. */
  function stemOfWord(word) {
    const i = lowerBound(words, word);
    return words[i] === word ? wordStem[i] : stemIndex.get(word) ?? -1;
  }

  return { search, doc, facets, stemOfWord, entry, docIndexOfId, loadParties, partyIndex };
}

/** A snippet of `text`: ~`size` words around the first highlighted word, as [text, marked] parts. */
export function snippet(text, isMatch, size = 32) {
  const parts = text.split(/([\p{L}\p{N}]+)/u);
  let first = parts.findIndex((p, i) => i % 2 === 1 && isMatch(p.toLowerCase()));
  if (first < 0) first = 1;
  const start = Math.max(0, first - size);
  const end = Math.min(parts.length, first + size * 2);
  const out = [];
  if (start > 0) out.push(['… ', false]);
  for (let i = start; i < end; i++) if (parts[i]) out.push([parts[i], i % 2 === 1 && isMatch(parts[i].toLowerCase())]);
  if (end < parts.length) out.push(['…', false]);
  return out;
}

/** The columns of data/recommendations.csv, in its order (src/render/data.rs). */
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

/** Records of data/recommendations.json as CSV rows, lists joined as the site's CSV joins them. */
export function toCsv(records) {
  const pairs = (o, f) => Object.entries(o || {}).map(f).join('; ');
  const row = (r) => [r.id, r.section, r.level, r.scope, (r.parties || []).join('; '),
    pairs(r.party_qualifiers, ([n, q]) => `${n}: ${q}`), pairs(r.sectors, ([s, ns]) => `${s}: ${ns.join(', ')}`),
    r.list_status, r.title, r.text, (r.footnotes || []).map((f) => `${f.label}: ${f.text}`).join('; '),
    r.references.recommendations.join('; '), r.references.articles.join('; '),
    r.references.explanatory_report.join('; '), ...editorialCells(r), r.url];
  return [CSV_COLUMNS, ...records.map(row)].map((cells) => `${cells.map(csvCell).join(',')}\n`).join('');
}

// ---- The page: form, facets, results, URL state, keyboard. -----------------------------------

const FACETS = ['level', 'section', 'scope'];
const PAGE = 10;

/** Reads query and filters from a URL's search part. */
export function stateFromUrl(search) {
  const p = new URLSearchParams(search);
  return {
    q: p.get('q') || '',
    filters: {
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
  // A shared link may name a Party slug that does not exist: drop it, so the URL, the
  // dropdown and the results agree.
  const known = (st) => {
    if (engine.partyIndex(st.filters.party) < 0) st.filters.party = '';
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
    renderFacets(result.counts);
    // Query to rendered results, for the benchmark (bench/search.mjs) and the browser's tools.
    performance.measure('recpub:query', { start: started });
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
    status.textContent = hits.length === 0 ? 'No recommendations found.'
      : `${hits.length} recommendation${hits.length === 1 ? '' : 's'} found${hits.length > shown ? `, showing the first ${shown}` : ''}.`;
  }

  async function resultItem(d, isMatch) {
    const [id, title, text] = await engine.doc(d);
    const f = engine.facets(d);
    const href = engine.entry.recUrl.replace('{slug}', id.toLowerCase());
    const link = el('a', { href, class: 'result-link' }, el('span', { class: 'result-id' }, id), ' ', title);
    const meta = el('p', { class: 'result-meta' },
      el('span', { class: `badge level-${f.level}` }, engine.entry.levels.find(([l]) => l === f.level)[1]),
      ` Section ${f.section} · ${engine.entry.scopes.find(([s]) => s === f.scope)[1]}`);
    const snip = el('p', { class: 'result-snippet' });
    for (const [part, marked] of snippet(text, isMatch)) snip.append(marked ? el('mark', {}, part) : part);
    return el('li', { class: 'result' }, el('h3', {}, link), meta, snip);
  }

  /** Above the results: the Party taken from the query (removable), its page, relaxed matching. */
  function renderNotes({ relaxed, party, partyOnly }) {
    const notes = [];
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

  /** The current results, in their order, as CSV with the columns of the site's own CSV. */
  async function exportResults() {
    const records = await loadJson(engine.entry.dataUrl);
    const byId = new Map(records.map((r) => [r.id, r]));
    const ids = await Promise.all(current.hits.map(async ([d]) => (await engine.doc(d))[0]));
    const blob = new Blob([toCsv(ids.map((id) => byId.get(id)).filter(Boolean))], { type: 'text/csv;charset=utf-8' });
    const a = el('a', { href: URL.createObjectURL(blob), download: words.tExportFile });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  function renderFacets(counts) {
    const groups = FACETS.map((key) => facetGroup(key, counts[key]));
    groups.push(partyFacet(counts.party));
    if (engine.entry.art?.length) groups.push(articleFacet(counts.article));
    facetBox.replaceChildren(...groups);
    const active = FACETS.reduce((n, key) => n + state.filters[key].size, 0)
      + (state.filters.party ? 1 : 0) + (state.filters.article ? 1 : 0);
    if (filterCount) filterCount.textContent = active ? `(${active})` : '';
  }

  function facetGroup(key, counts) {
    const names = { level: 'Level', section: 'Section', scope: 'Addressees' };
    const values = key === 'section' ? engine.entry.sections.map(([id, title]) => [id, `${id} ${title}`])
      : key === 'level' ? engine.entry.levels : engine.entry.scopes;
    const box = el('fieldset', { class: 'facet' }, el('legend', {}, names[key]));
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
    return box;
  }

  function partyFacet(counts) {
    const select = el('select', { id: 'facet-party', name: 'party' });
    select.append(el('option', { value: '' }, 'Any Party'));
    // Counts appear once the Party data is loaded: at once when small, on first use when large.
    if (!counts) select.addEventListener('focus', () => engine.loadParties().then(() => update(false)), { once: true });
    for (const [slug, name] of engine.entry.parties) {
      const o = el('option', { value: slug }, counts ? `${name} (${counts[slug] || 0})` : name);
      o.selected = state.filters.party === slug;
      select.append(o);
    }
    select.addEventListener('change', () => {
      state.filters.party = select.value;
      update(true);
    });
    const named = el('input', { type: 'checkbox', id: 'facet-named', name: 'named', value: '1' });
    named.checked = state.filters.named;
    named.addEventListener('change', () => {
      state.filters.named = named.checked;
      update(true);
    });
    return el('fieldset', { class: 'facet' }, el('legend', {}, 'Party'),
      el('label', { for: 'facet-party' }, 'Concerns'), select,
      el('div', { class: 'facet-option' }, named, el('label', { for: 'facet-named' }, 'Designates this Party by name')));
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

if (typeof document !== 'undefined') {
  const root = document.querySelector('[data-search]');
  if (root) initSearch(root).catch((err) => {
    const status = root.querySelector('[data-status]');
    if (status) status.textContent = 'Search could not be loaded. Browse the recommendations instead.';
    console.error(err);
  });
}
