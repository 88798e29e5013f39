// Splits a display name ("Jan van der Berg", "Sašo Džeroski", "Plato") into the parts that
// BibTeX, CSL and RIS want, and writes BibTeX's `Last, First` form safely.

import { type TexFlavor, asOneByte, collapseWhitespace, latexLiteral } from './latex';

export interface AuthorName {
  /** Surname with its particles ("van der Berg"); the whole name for single-word and literal names. */
  family: string;
  /** Given names; '' when there are none. */
  given: string;
  /** Jr., III, …; '' when there is none. */
  suffix: string;
  /** Lower-case particles at the start of `family` ("van der"), '' when there are none. */
  particle: string;
  /** True when the name cannot be split (more than one comma): export it as one literal. */
  literal: boolean;
}

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'delle',
  'dei',
  'degli',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'des',
  'la',
  'le',
  'les',
  'ten',
  'ter',
  'te',
  "van't",
  'zu',
  'zum',
  'zur',
  'af',
  'av',
  'al',
  'el',
  'bin',
  'ibn',
  'y',
  'st.',
]);

const SUFFIX = /^(?:jr\.?|sr\.?|ii|iii|iv|v|vi)$/i;

// TeX accents as they appear in names copied from arXiv listings: Ara\'ujo, {\"o}, \v{s}.
const TEX_ACCENT = /\{?\\(['"`^~=.uvHcrkdb])\s*(?:\{\s*(\\?[A-Za-z])\s*\}|(\\?[A-Za-z]))\}?/g;
const TEX_ACCENT_MARKS: Record<string, string> = {
  "'": '\u0301',
  '"': '\u0308',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  r: '\u030a',
  k: '\u0328',
  d: '\u0323',
  b: '\u0331',
};

/**
 * Turns TeX accent commands in a name into the characters they stand for (`Ara\'ujo` → Araújo).
 * Only names get this: a backslash is never part of a real name, while in a title it may be.
 */
export function decodeTexAccents(name: string): string {
  if (!name.includes('\\')) return name;
  return name
    .replace(TEX_ACCENT, (match, accent: string, braced?: string, bare?: string) => {
      const letter = (braced ?? bare ?? '').replace('\\', '');
      if (letter.length !== 1) return match;
      // A control-word accent (\v, \c, …) needs the braced form or a space: "\vs" is not \v{s}.
      if (/[a-z]/i.test(accent) && bare !== undefined && !/\\[a-zA-Z]\s/.test(match)) return match;
      return `${letter}${TEX_ACCENT_MARKS[accent]}`.normalize('NFC');
    })
    .replace(
      /\{\\(ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i)\}|\\(ss|o|O|ae|AE|oe|OE|aa|AA|l|L|i)(?![a-zA-Z])\s?/g,
      (_m, a, b) => {
        const letters: Record<string, string> = {
          ss: 'ß',
          o: 'ø',
          O: 'Ø',
          ae: 'æ',
          AE: 'Æ',
          oe: 'œ',
          OE: 'Œ',
          aa: 'å',
          AA: 'Å',
          l: 'ł',
          L: 'Ł',
          i: 'ı',
        };
        return letters[(a ?? b) as string] ?? _m;
      },
    );
}

// Libraries repeat names (the same authors across many papers): parse each distinct string once.
const CACHE_LIMIT = 50_000;
const splitCache = new Map<string, AuthorName>();
const bibtexNameCache = { bibtex: new Map<string, string>(), biblatex: new Map<string, string>() };

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Splits a name as people write it; "Last, First" input is taken as already split. */
export function splitAuthorName(raw: string): AuthorName {
  const cached = splitCache.get(raw);
  if (cached) return cached;
  return remember(splitCache, raw, computeSplit(raw));
}

function computeSplit(raw: string): AuthorName {
  const name = collapseWhitespace(decodeTexAccents(raw.normalize('NFC'))).replace(/^[,\s]+|[,\s]+$/g, '');
  const commas = name.split(',').length - 1;
  if (commas > 1) return { family: name, given: '', suffix: '', particle: '', literal: true };
  if (commas === 1) {
    const [family = '', given = ''] = name.split(',').map((part) => part.trim());
    return withParticle({ family, given, suffix: '', particle: '', literal: false });
  }
  const tokens = name.split(' ').filter((token) => token !== '');
  if (tokens.length <= 1) return { family: name, given: '', suffix: '', particle: '', literal: false };
  let suffix = '';
  if (tokens.length >= 3 && SUFFIX.test(tokens[tokens.length - 1]!)) suffix = tokens.pop()!;
  // The family name is the last word plus any lower-case particles right before it.
  let start = tokens.length - 1;
  while (start > 1 && isParticle(tokens[start - 1]!)) start--;
  return withParticle({
    family: tokens.slice(start).join(' '),
    given: tokens.slice(0, start).join(' '),
    suffix,
    particle: '',
    literal: false,
  });
}

function isParticle(token: string): boolean {
  return token === token.toLowerCase() && PARTICLES.has(token);
}

function withParticle(name: AuthorName): AuthorName {
  const words = name.family.split(' ');
  let count = 0;
  while (count < words.length - 1 && isParticle(words[count]!)) count++;
  return { ...name, particle: words.slice(0, count).join(' ') };
}

/** The family name without particles: what citation keys use ("van der Berg" → "Berg"). */
export function surname(name: AuthorName): string {
  return name.particle ? name.family.slice(name.particle.length).trim() : name.family;
}

// "and" (any case) separates names in BibTeX, "others" means "et al." in biber: brace them.
const RESERVED_WORD = /(^| )(and|others)(?= |$)/gi;

function protectReserved(text: string): string {
  return text.replace(RESERVED_WORD, '$1{$2}');
}

/** One name in BibTeX's `von Last, Jr, First` form, escaped for the flavor. */
export function bibtexName(raw: string, flavor: TexFlavor): string {
  const cache = bibtexNameCache[flavor];
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  // The 'bibtex' form is ASCII: kept one-byte, so a name like "Džeroski" does not make the file two-byte.
  const name = computeBibtexName(raw, flavor);
  return remember(cache, raw, flavor === 'bibtex' ? asOneByte(name) : name);
}

function computeBibtexName(raw: string, flavor: TexFlavor): string {
  const name = splitAuthorName(raw);
  if (name.literal) return `{${latexLiteral(name.family, flavor)}}`;
  const family = protectReserved(latexLiteral(name.family, flavor));
  if (!name.given && !name.suffix) {
    // A single word: braced when it holds a space, so BibTeX does not read "First Last" into it.
    return family.includes(' ') ? `{${family}}` : family;
  }
  const given = protectReserved(latexLiteral(name.given, flavor));
  if (name.suffix) return `${family}, ${latexLiteral(name.suffix, flavor)}, ${given}`;
  return `${family}, ${given}`;
}

/** The `author` field value: names joined by " and ", empty names dropped. */
export function bibtexAuthors(authors: readonly string[], flavor: TexFlavor): string {
  let out = '';
  for (const author of authors) {
    // bibtexName is cached per name; a blank name comes back empty and is skipped.
    const formatted = bibtexName(author, flavor);
    if (formatted === '' || formatted === '{}') continue;
    out = out === '' ? formatted : `${out} and ${formatted}`;
  }
  return out;
}
