// The search engine: the index `recpub build` writes under search/ (its format is
// src/search/format.rs) in, ranked results, facet counts and snippets out. It loads files only
// through the `load` function it is given, never touches the page, and runs in Node for tests;
// search.js is the page. No dependencies.

/**
 * The index format this engine reads (src/search/format.rs, FORMAT_VERSION). An entry file of
 * another version is refused, never misread.
 */
export const FORMAT_VERSION = 4;

/** The error createEngine throws for an entry file of another format version. */
export class FormatVersionError extends Error {
  constructor(found) {
    super(`recpub search: the index is format version ${JSON.stringify(found)}, this script reads version ${FORMAT_VERSION}; `
      + 'the page and its index come from different builds (rebuild and deploy them together)');
    this.name = 'FormatVersionError';
  }
}

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

/**
 * The entry file's vocabulary (src/search/encode.rs, `vocabulary`): the sorted words, each one's
 * stem number and the sorted stems. Words are front-coded (a varint of the characters shared
 * with the word before, then the rest), stem numbers are zigzag differences from the word
 * before's, and a stem is its length when it starts the first word that has it, else the next
 * of `sx`.
 */
export function decodeVocabulary({ words: front, ws, sl, sx }) {
  const words = [];
  let prev = [];
  for (const token of front ? front.split(' ') : []) {
    let end = 0;
    while (DIGIT_VALUE[token[end]] >= 32) end++;
    const [shared] = decodeVarints(token.slice(0, end + 1));
    const chars = [...prev.slice(0, shared), ...token.slice(end + 1)];
    words.push(chars.join(''));
    prev = chars;
  }
  let rank = 0;
  const wordStem = decodeVarints(ws).map((z) => (rank += z % 2 ? -(z + 1) / 2 : z / 2));
  const firstWord = [];
  wordStem.forEach((s, w) => { if (firstWord[s] === undefined) firstWord[s] = w; });
  const explicit = sx.split(' ');
  let next = 0;
  const stems = decodeVarints(sl).map((len, s) => (len ? [...words[firstWord[s]]].slice(0, len).join('') : explicit[next++]));
  return { words, wordStem, stems };
}

/** A token's characters: Unicode Alphabetic, or a number (docs/search.md, "Tokens"). */
const TOKEN = /[\p{Alphabetic}\p{N}]+/gu;

/** Length in code points, as Rust counts chars: an astral letter is one, not two. */
function codePoints(w) {
  return w.length < 3 ? [...w].length : w.length;
}

/**
 * The tokenizer of docs/search.md ("Tokens"), the same as src/text.rs: NFC, maximal runs
 * of token characters, each lower-cased, then runs of one code point dropped unless an ASCII
 * digit. tests/fixtures/tokenizer-corpus.jsonl holds the cases both sides must agree on.
 */
export function tokenize(text) {
  return (text.normalize('NFC').match(TOKEN) || []).map((w) => w.toLowerCase())
    .filter((w) => codePoints(w) > 1 || /^[0-9]$/.test(w));
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

/**
 * Restricted Damerau–Levenshtein distance between `a` and `b`, or `max + 1` as soon as it is
 * known to exceed `max` (spelling suggestions compare the query with the whole vocabulary).
 */
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = null;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return Math.min(prev[b.length], max + 1);
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

/** Per document, a list of small numbers (Parties, articles it cites). */
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

/**
 * How each document concerns each Party ({def, ex}, src/search/concern.rs): `of(d, p)` is the
 * concern code of Party `p` in document `d`, its own if listed under a code in `ex`, else the
 * document's default.
 */
function decodeConcerns(pc, n) {
  const ex = Object.entries(pc.ex).map(([code, lists]) => [code, decodeLists(lists, n)]);
  return { of: (d, p) => ex.find(([, lists]) => lists[d].includes(p))?.[0] ?? pc.def[d] };
}

/** How many top hits are compared with the query for an exact title match. */
const TITLE_CHECK = 10;

/** A recommendation id typed any way: "III-14", "iii 14", "iii-14". */
const ID_PATTERN = /\b([ivxlc]+)[\s\-–]*(\d+)\b/gi;

/**
 * The ids of a dataset whose sections are not Roman numerals ("1", "A", "A.1"), typed any way
 * ("1.4", "a.1-2", "A 3"): one of its sections, a separator, a number. `null` when every
 * section is a Roman numeral (ID_PATTERN reads those). Ids are given as `<section>-<n>`.
 */
export function idPatternOf(sectionIds) {
  const other = sectionIds.filter((s) => !/^[IVXLC]+$/.test(s));
  if (!other.length) return null;
  const escaped = [...other].sort((a, b) => b.length - a.length).map((s) => s.replace(/\./g, '\\.'));
  const canonical = new Map(other.map((s) => [s.toLowerCase(), s]));
  const re = new RegExp(`(?<![\\p{L}\\p{N}.\\-])(${escaped.join('|')})[\\s\\-–.]+(\\d+)(?![\\p{L}\\p{N}]|[.\\-][\\p{L}\\p{N}])`, 'giu');
  return (text) => [...text.matchAll(re)].map((m) => `${canonical.get(m[1].toLowerCase())}-${Number(m[2])}`);
}

/** At most this many query words are searched: a pasted page must not block the page. */
const MAX_WORDS = 24;

/** Words that frame a question rather than say what it is about: dropped when others remain. */
const QUESTION_WORDS = new Set(['about', 'any', 'can', 'could', 'did', 'do', 'does', 'how', 'me', 'my', 'should', 'what', 'when', 'where', 'why', 'would']);

/**
 * Parses a query: its words in order (`tokens`), quoted phrases, ids, and the searched terms.
 * `otherIds` reads the ids of sections that are not Roman numerals (`idPatternOf`).
 */
export function parseQuery(query, stopWords, otherIds = null) {
  const phrases = [];
  const rest = query.replace(/"([^"]*)"?/g, (_, p) => {
    if (tokenize(p).length) phrases.push(tokenize(p).slice(0, MAX_WORDS));
    return ' ';
  });
  const ids = [...query.slice(0, 2000).matchAll(ID_PATTERN)].map((m) => `${m[1].toUpperCase()}-${Number(m[2])}`);
  if (otherIds) ids.push(...otherIds(query.slice(0, 2000)));
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
 * The reports of an index (src/search/format.rs: `reports`, `recUrls`), each {slug, name,
 * recUrl, sections: how many rows of `entry.sections` are its own}; an index of a site of one
 * report has one, with no slug or name. And every section, report after report, as {key (its
 * value in the filters: a further report's is `<slug>:<id>`), id, title, report (its number)}.
 */
function reportsOf(entry) {
  const reports = entry.reports
    ? entry.reports.map((r, k) => ({ slug: r.slug, name: r.name, recUrl: entry.recUrls[k], sections: r.sections }))
    : [{ slug: '', name: '', recUrl: entry.recUrl, sections: entry.sections.length }];
  const sections = [];
  reports.forEach((r, report) => {
    for (const [id, title, , key] of entry.sections.slice(sections.length, sections.length + r.sections)) {
      sections.push({ key: key ?? id, id, title, report });
    }
  });
  return { reports, sections };
}

/** The facets a document has one value of, as the filters name them. */
const FACET_KEYS = ['report', 'level', 'section', 'scope'];

/**
 * The search engine over one loaded index. `load(path)` fetches another index file (a shard or
 * fragment) as parsed JSON; it is only called for large, split indexes.
 */
export function createEngine(entry, load) {
  if (entry.v !== FORMAT_VERSION) throw new FormatVersionError(entry.v);
  const { words, wordStem, stems } = decodeVocabulary(entry);
  const stemIndex = new Map(stems.map((s, i) => [s, i]));
  const n = entry.n;
  const stop = new Set(entry.stop);
  const contentWords = (text) => tokenize(text).filter((w) => !stop.has(w));
  // Readers' words → the Committee's (content/thesaurus.toml), keyed by folded content words.
  // Each alternative keeps the Committee's term as written, to tell the reader what was searched.
  const thesaurus = { map: new Map(), longest: 0 };
  for (const [readers, committee] of entry.thes || []) {
    const alts = committee.map((label) => ({ label, words: contentWords(label) })).filter((a) => a.words.length);
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
  // A level's value in the filters is its id, unless it is keyed apart (another report's level
  // of the same id and another label).
  const levels = entry.levels.map((l) => ({ key: l.key ?? l.id, id: l.id, label: l.label }));
  const levelOf = new Map(entry.levels.map((l, i) => [l.code, levels[i].key]));
  const scopeOf = new Map(entry.scopes.map((s) => [s.code, s.id]));
  const concernRow = new Map(entry.concerns.map((c) => [c.code, c]));
  // How each document concerns each Party (computed by the build): inline at small scale, else
  // loaded with the Party facet.
  let concerns = entry.pc ? decodeConcerns(entry.pc, n) : null;
  let partiesLoading = null;
  async function loadParties() {
    if (concerns) return;
    partiesLoading ||= load(entry.pcFile).then((pc) => { concerns = decodeConcerns(pc, n); });
    await partiesLoading;
  }
  const { reports, sections } = reportsOf(entry);
  // Documents are sorted by report, then section: each document's section (its row), and each
  // section's first document, by report and id.
  const sectionOf = [];
  const firstOfSection = new Map();
  entry.sections.forEach(([id, , count], s) => {
    firstOfSection.set(`${sections[s].report} ${id}`, sectionOf.length);
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
   * not a typo of "setting"); the map's `corrected` then lists the words the term was read as.
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
        if (withinOneEdit(term, words[i])) {
          add(wordStem[i], 0.6);
          found.corrected = [...(found.corrected || []), words[i]];
        }
      }
    }
    return found;
  }

  function idf(df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * One word's scores: Map doc → best weight among the stems it may mean. A word read as
   * another one edit away (a typo) is noted in `ctx.widened`.
   */
  async function wordScores(term, asPrefix, ctx, typos) {
    const out = new Map();
    const found = expand(term, asPrefix, typos);
    if (found.corrected) ctx.widened.push({ from: term, to: found.corrected.slice(0, 3), kind: 'spelling' });
    for (const [stem, quality] of found) {
      ctx.matched.add(stem);
      const list = await postings(stem);
      const weight = quality * idf(list.size);
      for (const [d, w] of list) out.set(d, Math.max(out.get(d) || 0, weight * w));
    }
    return out;
  }

  /** Documents matching every word of `words`, with the sum of their scores. */
  async function allOf(words, prefixLast, ctx, typos = true) {
    let acc = null;
    for (const [k, w] of words.entries()) {
      const m = await wordScores(w, prefixLast && k === words.length - 1, ctx, typos);
      acc = acc === null ? m : intersect(acc, m);
      if (!acc.size) break;
    }
    return acc || new Map();
  }

  /**
   * A concept's scores: its own words, all of them, or any of the Committee's terms the
   * thesaurus gives for them, ranked below (EXPANDED) as if it had as many words.
   */
  async function conceptScores(c, ctx) {
    const scores = await allOf(c.words, c.prefix, ctx, !c.alts.length);
    const used = [];
    for (const alt of c.alts) {
      const found = await allOf(alt.words, false, ctx);
      if (found.size) used.push(alt.label);
      for (const [d, s] of found) {
        const v = (EXPANDED * s * c.words.length) / alt.words.length;
        if (v > (scores.get(d) || 0)) scores.set(d, v);
      }
    }
    // The reader is told which of their words were widened, and to what (what found something).
    if (used.length) ctx.widened.push({ from: c.words.join(' '), to: used, kind: 'thesaurus' });
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
    const ctx = { matched: new Set(), widened: [] };
    const maps = [];
    for (const c of cs) maps.push(await conceptScores(c, ctx));
    let scores = maps.reduce((acc, m) => (acc === null ? new Map(m) : intersect(acc, m)), null) || new Map();
    const relaxed = scores.size === 0 && maps.length > 1;
    if (relaxed) {
      for (const [k, m] of maps.entries()) {
        for (const [d, s] of m) scores.set(d, (scores.get(d) || 0) + cs[k].words.length * PER_WORD + s);
      }
    }
    return { scores, matched: ctx.matched, widened: ctx.widened, relaxed };
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

  const otherIds = idPatternOf([...new Set(sections.map((s) => s.id))]);

  /** The documents of an id (`<section>-<n>`): one per report that has it. */
  function docsOfId(id) {
    const cut = id.lastIndexOf('-');
    const [sec, num] = [id.slice(0, cut), id.slice(cut + 1)];
    return reports.flatMap((_, k) => {
      const first = firstOfSection.get(`${k} ${sec}`);
      if (first === undefined) return [];
      const i = first + Number(num) - 1;
      return sectionOf[i] === sectionOf[first] ? [i] : [];
    });
  }

  /** A document's section: {key, id, title, report}. */
  const sectionOfDoc = (d) => sections[sectionOf[d]];

  /** A document's report: {slug, name, recUrl}. */
  const reportOfDoc = (d) => reports[sectionOfDoc(d).report];

  /** The URL of document `d`, whose id is `id`: its page in its report. */
  const docUrl = (d, id) => reportOfDoc(d).recUrl.replace('{slug}', id.toLowerCase());

  /** Facet values of a document, as the filters name them. */
  function facets(d) {
    return {
      report: reportOfDoc(d).slug,
      level: levelOf.get(entry.lv[d]),
      section: sectionOfDoc(d).key,
      scope: scopeOf.get(entry.sc[d]),
      articles: docArticles ? docArticles[d] : [],
    };
  }

  /**
   * Whether document `d` passes the filter for Party number `p`: "concerns this Party", or with
   * `namedOnly` "designates it by name", as the build's concern table says (graph::Concern).
   */
  function concernsParty(d, p, namedOnly) {
    if (!concerns) return false;
    const row = concernRow.get(concerns.of(d, p));
    return Boolean(row && (namedOnly ? row.named : row.concerns));
  }

  /** Whether document `d` passes the filters (Party by index `party`), leaving out facet `skip`. */
  function passes(d, filters, skip, party) {
    const f = facets(d);
    for (const key of FACET_KEYS) {
      if (key !== skip && filters[key]?.size && !filters[key].has(f[key])) return false;
    }
    const art = filters.article ? (entry.art || []).indexOf(filters.article) : -1;
    if (skip !== 'article' && art >= 0 && !f.articles.includes(art)) return false;
    return skip === 'party' || party < 0 || concernsParty(d, party, filters.named);
  }

  function countFacets(docs, filters, party) {
    const counts = { report: {}, level: {}, section: {}, scope: {}, party: concerns ? {} : null, article: {} };
    for (const d of docs) {
      const f = facets(d);
      for (const key of FACET_KEYS) {
        if (passes(d, filters, key, party)) counts[key][f[key]] = (counts[key][f[key]] || 0) + 1;
      }
      if (passes(d, filters, 'article', party)) {
        for (const a of f.articles) counts.article[entry.art[a]] = (counts.article[entry.art[a]] || 0) + 1;
      }
      if (counts.party && passes(d, filters, 'party', party)) {
        entry.parties.forEach(([slug], p) => {
          if (concernsParty(d, p, filters.named)) counts.party[slug] = (counts.party[slug] || 0) + 1;
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
   * Runs a query with filters {report:Set, level:Set, section:Set, scope:Set, party:slug|'',
   * named:bool, article:''|number, notParty:slug|''} (sets of values as `facets` gives them). Returns ranked hits (doc, score), facet counts, the
   * stems to highlight, whether matching was relaxed, and the Party taken from the query.
   */
  async function search(query, filters) {
    const parsed = parseQuery(query, stop, otherIds);
    const qp = queryParty(parsed, filters);
    const party = qp.party;
    if (party >= 0) await loadParties();
    const words = termsOf(qp.tokens, parsed.phrases, stop);
    const cs = concepts(words, parsed.lastIsPrefix && !qp.lastTaken);
    const pinned = parsed.ids.flatMap(docsOfId);
    const { scores, matched, widened, relaxed } = cs.length ? await match(cs)
      : { scores: new Map(), matched: new Set(), widened: [], relaxed: false };
    if (!cs.length && !pinned.length) for (let d = 0; d < n; d++) scores.set(d, 0);
    if (qp.fromQuery) {
      // The recommendations that name the Party lead comparable matches (and a Party alone).
      // Only the weight is boosted: in relaxed matching, the count of words matched stays first.
      const boost = (s) => s + (s % PER_WORD) * (NAMED_BOOST - 1);
      for (const [d, s] of scores) if (concernsParty(d, party, true)) scores.set(d, s ? boost(s) : 1);
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
    return { hits, counts, matched, terms: words, widened: onlyId ? [] : widened, relaxed: relaxed && !onlyId, party: slug, partyOnly };
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

  /** How many documents a surface word is in (0 when it is not in the text). */
  async function docFrequency(word) {
    const i = lowerBound(words, word);
    return words[i] === word ? (await postings(wordStem[i])).size : 0;
  }

  /**
   * Spelling suggestions for a query that found nothing: each query word that matches no word
   * of the text, the thesaurus or a Party's name is replaced by the closest that does (two edits
   * at most; the more frequent first). Only queries that then find something are offered.
   */
  async function spellings(query, filters) {
    const tokens = parseQuery(query, stop).tokens;
    const known = new Set([...thesaurus.map.keys(), ...partyNames.map(([, n]) => n.join(' '))]);
    const options = [];
    for (const [k, t] of tokens.slice(0, MAX_WORDS).entries()) {
      if (options.length >= 4) break; // a pasted text gets no suggestion for every word
      if (t.length < 3 || /^\d+$/.test(t) || stop.has(t) || known.has(fold(t)) || expand(t, false).size) continue;
      const max = t.length < 6 ? 1 : 2;
      const near = [];
      for (const w of [...words, ...known]) {
        const d = editDistance(t, w, max);
        if (d <= max && !w.includes(' ')) near.push({ w, d, df: await docFrequency(w) });
      }
      near.sort((a, b) => a.d - b.d || b.df - a.df || (a.w < b.w ? -1 : 1));
      options.push([k, near.slice(0, 3).map((n) => n.w)]);
    }
    const out = [];
    for (let pick = 0; pick < 3 && options.length; pick++) {
      const fixed = [...tokens];
      for (const [k, alts] of options) fixed[k] = alts[Math.min(pick, alts.length - 1)] ?? fixed[k];
      const q = fixed.join(' ');
      if (q !== tokens.join(' ') && !out.includes(q) && (await search(q, filters)).hits.length) out.push(q);
    }
    return out;
  }

  /**
   * The Committee's terms (content/thesaurus.toml) related to a query: those of entries that
   * share a word, a five-letter start or a near spelling with it, each finding something.
   * `related` says whether they relate to the query or are only the first terms of the list.
   */
  async function committeeTerms(query, limit = 6) {
    const tokens = parseQuery(query, stop).tokens.filter((t) => t.length >= 3 && !stop.has(t)).map(fold);
    const near = (a, b) => a === b || (a.length >= 5 && b.length >= 5 && a.slice(0, 5) === b.slice(0, 5))
      || (a.length >= 5 && editDistance(a, b, 2) <= 2);
    const entries = entry.thes || [];
    const relatedTo = ([readers, committee]) => [...readers, ...committee]
      .some((phrase) => contentWords(phrase).map(fold).some((w) => tokens.some((t) => near(t, w))));
    const related = entries.filter(relatedTo);
    const chosen = related.length ? related : entries;
    const asTyped = tokenize(query).join(' ');
    const out = [];
    for (const [, committee] of chosen) {
      const label = committee[0];
      if (out.length >= limit) break;
      if (!label || out.includes(label) || tokenize(label).join(' ') === asTyped) continue; // what was searched
      if ((await search(label, emptyFilters())).hits.length) out.push(label);
    }
    return { related: related.length > 0, terms: out };
  }

  return {
    search, doc, facets, stemOfWord, entry, docsOfId, loadParties, partyIndex, spellings, committeeTerms,
    reports, levels, sections, report: reportOfDoc, section: sectionOfDoc, docUrl,
  };
}

/** Filters that let everything through. */
export function emptyFilters() {
  return {
    report: new Set(), level: new Set(), section: new Set(), scope: new Set(), party: '', named: false, article: '', notParty: '',
  };
}

/** A snippet of `text`: ~`size` words around the first highlighted word, as [text, marked] parts. */
export function snippet(text, isMatch, size = 32) {
  const parts = text.normalize('NFC').split(/([\p{Alphabetic}\p{N}]+)/u);
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

