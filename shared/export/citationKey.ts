// Citation keys: the default formula, deterministic a/b/c disambiguation, and validation of keys
// a person types. A pinned key (`paper.citationKey`) is never changed here.
//
// Keys are compared case-insensitively, because BibTeX treats `Smith2020` and `smith2020` as the
// same entry. The suffixes depend on which other papers share a base key, so callers pin the keys
// they show or export (the library stores them in `citationKey`): later imports cannot move them.

import { splitAuthorName, surname } from './authorName';
import { foldToAscii } from './foldToAscii';
import { asOneByte } from './latex';
import { paperYear } from './paperDate';
import type { ExportPaper } from './types';

/** Words that never make a key (English articles, prepositions, conjunctions). */
const STOP_WORDS = new Set(
  (
    'a an the on of for to in at by with from into onto over under about above after against along among ' +
    'around as before behind below beneath beside between beyond but down during except inside near off ' +
    'out outside past since than through throughout till toward towards until up upon via within without ' +
    'and or nor so yet is are be do does how what when where which who why its it this that these those ' +
    'vs versus per'
  ).split(' '),
);

const NON_KEY_WORD = /[^a-z0-9]+/;
const ONLY_DIGITS = /^\d+$/;
const MAX_BASE_LENGTH = 60;

/** Lower-case ASCII words of a text, diacritics folded, empty pieces dropped. */
function asciiWords(text: string): string[] {
  return foldToAscii(text.normalize('NFC'))
    .toLowerCase()
    .split(NON_KEY_WORD)
    .filter((word) => word !== '');
}

/** ASCII letter or digit (after folding, the only characters a key word has). */
function isKeyChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/** Words of a title that may make a key (not stop words, not bare numbers), the first `limit` of them. */
export function significantTitleWords(title: string, limit = Infinity): string[] {
  // Most titles start with ASCII words: the title is read as it is, and folded only when the scan
  // meets a character that folding could change. Folding leaves ASCII alone and never changes what
  // comes before an ASCII character, so the words found before that point are the same.
  return titleWords(title, limit, false) ?? titleWords(foldToAscii(title), limit, true)!;
}

/** significantTitleWords over `text`; null when `folded` is false and a non-ASCII character is read. */
function titleWords(text: string, limit: number, folded: boolean): string[] | null {
  const words: string[] = [];
  // One scan by index: only the first few words are needed, so the title is never split whole.
  const n = text.length;
  let i = 0;
  while (i < n && words.length < limit) {
    let code = text.charCodeAt(i);
    while (!isKeyChar(code)) {
      if (code >= 0x7f && !folded) return null;
      if (++i === n) return words;
      code = text.charCodeAt(i);
    }
    const start = i;
    let digitsOnly = true;
    for (; i < n && isKeyChar(code); code = text.charCodeAt(++i)) {
      if (code > 57) digitsOnly = false;
    }
    if (i < n && code >= 0x7f && !folded) return null;
    if (digitsOnly) continue;
    const word = text.slice(start, i).toLowerCase();
    if (!STOP_WORDS.has(word)) words.push(word);
  }
  return words;
}

// Authors repeat across a library: each name's key part is computed once.
const AUTHOR_CACHE_LIMIT = 50_000;
const authorKeyParts = new Map<string, string>();

/** The surname as a key part: "Sašo Džeroski" → "dzeroski", "Jan van der Berg" → "berg". */
function authorKeyPart(author: string): string {
  let part = authorKeyParts.get(author);
  if (part === undefined) {
    if (authorKeyParts.size >= AUTHOR_CACHE_LIMIT) authorKeyParts.clear();
    part = asciiWords(surname(splitAuthorName(author))).join('');
    authorKeyParts.set(author, part);
  }
  return part;
}

/** A name with something in it; `trim()` only when an edge is blank (it copies the string). */
function isNamed(author: string): boolean {
  if (author === '') return false;
  return (author.charCodeAt(0) > 32 && author.charCodeAt(author.length - 1) > 32) || author.trim() !== '';
}

/**
 * The default key before disambiguation: first author's surname + year + first significant title
 * word (`vaswani2017attention`); without authors, the first two significant title words + year
 * (`languagemodeling2026`). `paper` when nothing usable is left.
 */
export function defaultCitationKey(paper: Pick<ExportPaper, 'authors' | 'title'>, year: number | null): string {
  let name = '';
  for (const author of paper.authors) {
    if (!isNamed(author)) continue;
    name = authorKeyPart(author);
    break;
  }
  // With a name the key takes one title word, else two: the title is read no further.
  const words = significantTitleWords(paper.title, name ? 1 : 2);
  const yearPart = year === null ? '' : String(year);
  const base = name ? `${name}${yearPart}${words[0] ?? ''}` : `${words[0] ?? ''}${words[1] ?? ''}${yearPart}`;
  // A title word always holds a letter (significantTitleWords skips numbers), so only a base
  // without one can be digits alone: the regex runs only then.
  const key = base === '' || (words.length === 0 && ONLY_DIGITS.test(base)) ? `paper${yearPart}` : base;
  // Keys are ASCII; words cut from a two-byte title or name would stay two-byte without this.
  return asOneByte(key.length > MAX_BASE_LENGTH ? key.slice(0, MAX_BASE_LENGTH) : key);
}

/** a, b, …, z, aa, ab, …: the n-th suffix (0-based), the first ones built once. */
function suffix(n: number): string {
  return n < SUFFIXES.length ? SUFFIXES[n]! : buildSuffix(n);
}

function buildSuffix(n: number): string {
  let out = '';
  let value = n;
  do {
    out = String.fromCharCode(97 + (value % 26)) + out;
    value = Math.floor(value / 26) - 1;
  } while (value >= 0);
  return out;
}

/**
 * Keys for every paper: the pinned key when it has one, else the default formula made unique
 * against `takenKeys`, the pinned keys and each other. Within a base key, papers go in order of
 * their id, so the same papers always get the same keys whatever order they come in: the first of
 * a base key gets it bare, the next `…a`, then `…b`, and so on.
 */
export function assignCitationKeys(
  papers: readonly ExportPaper[],
  takenKeys: Iterable<string> = [],
): Map<string, string> {
  return assignKeys(papers, takenKeys, null);
}

/**
 * assignCitationKeys as a list in the papers' order: each paper's key where it is the first with
 * its id, null where it repeats an earlier one. What a writer needs, with no lookup by id.
 */
export function citationKeysInOrder(papers: readonly ExportPaper[]): (string | null)[] {
  const inOrder: (string | null)[] = new Array<string | null>(papers.length).fill(null);
  const keys = assignKeys(papers, [], inOrder);
  if (!papers.some((paper) => paper.citationKey)) return inOrder;
  // With pinned keys the claims skip pinned ids, so the first of each id is found here instead.
  const seen = new Set<string>();
  for (let i = 0; i < papers.length; i++) {
    const id = papers[i]!.id;
    const size = seen.size;
    seen.add(id);
    inOrder[i] = seen.size === size ? null : keys.get(id)!;
  }
  return inOrder;
}

/**
 * The keys by id; with `inOrder`, also each key at its paper's index (right only without pinned
 * keys), and then without pinned keys the map holds only claims ('').
 */
function assignKeys(
  papers: readonly ExportPaper[],
  takenKeys: Iterable<string>,
  inOrder: (string | null)[] | null,
): Map<string, string> {
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const key of takenKeys) taken.add(key.toLowerCase());
  for (const paper of papers) {
    if (paper.citationKey && !keys.has(paper.id)) {
      keys.set(paper.id, paper.citationKey);
      taken.add(paper.citationKey.toLowerCase());
    }
  }
  // Group unpinned papers (by their index) by base key. Most bases have one paper: it takes the
  // bare base when free. Only shared bases need their papers in id order, so nothing sorts the
  // whole library. Without pinned keys every entry so far is a claim (''), so a claim needs no
  // lookup first: a repeated id leaves the size as it was.
  const anyPinned = keys.size > 0;
  const groups = new Map<string, number | number[]>();
  // Ids by index, for sorting shared bases' papers without reading each paper again.
  const ids: string[] = new Array<string>(papers.length);
  for (let index = 0; index < papers.length; index++) {
    const paper = papers[index]!;
    ids[index] = paper.id;
    if (anyPinned) {
      if (keys.has(paper.id)) continue;
      keys.set(paper.id, ''); // claimed; a repeated id is skipped
    } else {
      const size = keys.size;
      keys.set(paper.id, '');
      if (keys.size === size) continue;
    }
    const base = defaultCitationKey(paper, paperYear(paper));
    const group = groups.get(base);
    if (group === undefined) groups.set(base, index);
    else if (typeof group === 'number') groups.set(base, [group, index]);
    else group.push(index);
  }
  // A list in order without pinned keys is the whole answer: the map keeps only the claims.
  const mapKeys = inOrder === null || anyPinned;
  const give = (index: number, key: string): void => {
    if (mapKeys) keys.set(ids[index]!, key);
    if (inOrder !== null) inOrder[index] = key;
  };
  // First pass: bare bases (distinct per group, so the order does not matter). `claim` adds a
  // key to `taken` and says whether it was free, in one set operation.
  const claim = (key: string): boolean => {
    const size = taken.size;
    taken.add(key);
    return taken.size !== size;
  };
  const byId = (a: number, b: number): number => {
    const idA = ids[a]!;
    const idB = ids[b]!;
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };
  const rest: [base: string, members: number[], from: number][] = [];
  for (const [base, group] of groups) {
    if (typeof group === 'number') {
      if (claim(base)) give(group, base);
      else rest.push([base, [group], 0]);
      continue;
    }
    group.sort(byId);
    if (claim(base)) {
      give(group[0]!, base);
      rest.push([base, group, 1]);
    } else {
      rest.push([base, group, 0]);
    }
  }
  // Second pass: suffixes, bases in order, so a suffixed key that meets another base is settled
  // the same way every time.
  rest.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [base, members, from] of rest) {
    let n = 0;
    for (let m = from; m < members.length; m++) {
      let key: string;
      do key = base + suffix(n++);
      while (!claim(key));
      give(members[m]!, key);
    }
  }
  return keys;
}

const SUFFIXES = Array.from({ length: 26 * 27 }, (_, n) => buildSuffix(n));

/** Characters every BibTeX tool accepts in a key. */
const KEY_PATTERN = /^[A-Za-z0-9_:.-]+$/;
const MAX_KEY_LENGTH = 100;

export type CitationKeyCheck = { ok: true; key: string } | { ok: false; reason: string };

/**
 * Checks a key a person typed: trimmed, non-empty, only `A-Z a-z 0-9 _ : . -`, at most 100
 * characters, and not used by another paper (`otherKeys`, compared case-insensitively).
 */
export function validateCitationKey(input: string, otherKeys: Iterable<string>): CitationKeyCheck {
  const key = input.trim();
  if (key === '') return { ok: false, reason: 'A citation key cannot be empty.' };
  if (key.length > MAX_KEY_LENGTH)
    return { ok: false, reason: `A citation key has at most ${MAX_KEY_LENGTH} characters.` };
  if (!KEY_PATTERN.test(key)) {
    const bad = [...key].find((ch) => !KEY_PATTERN.test(ch))!;
    return {
      ok: false,
      reason: `"${bad === ' ' ? 'space' : bad}" is not allowed in a citation key (use letters, digits, _ : . -).`,
    };
  }
  const lower = key.toLowerCase();
  for (const other of otherKeys) {
    if (other.toLowerCase() === lower) return { ok: false, reason: `Another paper already uses the key "${other}".` };
  }
  return { ok: true, key };
}

/**
 * The keys a writer uses: `given` (usually the library's pinned keys) where it has one, the
 * paper's own pinned key next, and assigned keys for the rest, unique against all of those.
 */
export function citationKeysFor(
  papers: readonly ExportPaper[],
  given?: ReadonlyMap<string, string>,
): ReadonlyMap<string, string> {
  if (!given || given.size === 0) return assignCitationKeys(papers);
  const missing = papers.filter((paper) => !given.has(paper.id));
  // Every paper has a key (the usual export of pinned keys): the map is used as it is, not copied.
  if (missing.length === 0) return given;
  const keys = new Map(given);
  for (const [id, key] of assignCitationKeys(missing, given.values())) keys.set(id, key);
  return keys;
}
