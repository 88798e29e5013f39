// Word splitting and normalization shared by the index, the query parser and highlighting,
// so a highlighted word is exactly a word the index matched.

const WORD = /[\p{L}\p{N}]+/gu;
const NON_ASCII = /[^\u0020-\u007e]/; // anything beyond printable ASCII takes the Unicode path
const MARKS = /\p{M}+/gu;

/** Lower case without diacritics ("Müller" → "muller"); ASCII words skip the Unicode work. */
export function normalizeWord(word: string): string {
  const lower = word.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFKD').replace(MARKS, '') : lower;
}

/** Any character beyond ASCII: such a text takes the Unicode word pattern. */
const BEYOND_ASCII = /[\u0080-\uffff]/;

/** Calls `visit` with each normalized word of `text`. */
export function forEachWord(text: string, visit: (word: string) => void): void {
  if (BEYOND_ASCII.test(text)) {
    WORD.lastIndex = 0;
    for (let match = WORD.exec(text); match; match = WORD.exec(text)) visit(normalizeWord(match[0]));
    return;
  }
  // ASCII only (most titles and abstracts): the same words by a scan of character codes, where
  // a letter or a digit is [A-Za-z0-9] exactly as \p{L}\p{N} has it in ASCII, and lower case
  // needs no Unicode work. No match object per word: index builds spent a fifth of their time here.
  let start = -1;
  let upper = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    const isUpper = c >= 65 && c <= 90;
    if (isUpper || (c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) {
        start = i;
        upper = false;
      }
      if (isUpper) upper = true;
    } else if (start >= 0) {
      const word = text.slice(start, i);
      visit(upper ? word.toLowerCase() : word);
      start = -1;
    }
  }
}

export interface WordSpan {
  start: number;
  end: number;
  word: string;
}

/** Words with their offsets in the original text (for highlighting). */
export function wordSpans(text: string): WordSpan[] {
  const spans: WordSpan[] = [];
  for (const match of text.matchAll(WORD)) {
    spans.push({ start: match.index, end: match.index + match[0].length, word: normalizeWord(match[0]) });
  }
  return spans;
}

export interface ParsedQuery {
  /** Normalized words, in typed order, without repeats. */
  terms: string[];
  /** True while the last word is still being typed: it matches as a prefix. */
  lastIsPrefix: boolean;
}

export function parseQuery(query: string): ParsedQuery {
  const terms: string[] = [];
  forEachWord(query, (word) => {
    const at = terms.indexOf(word);
    if (at >= 0) terms.splice(at, 1); // a repeated word counts once, at its last position
    terms.push(word);
  });
  const lastIsPrefix = terms.length > 0 && /[\p{L}\p{N}]$/u.test(query);
  return { terms, lastIsPrefix };
}

/** [start, end) ranges of `text` to highlight for a query: whole-word matches, prefix for the last word. */
export function highlightRanges(text: string, query: ParsedQuery): [number, number][] {
  if (query.terms.length === 0 || !text) return [];
  const exact = new Set(query.lastIsPrefix ? query.terms.slice(0, -1) : query.terms);
  const prefix = query.lastIsPrefix ? query.terms[query.terms.length - 1]! : null;
  const ranges: [number, number][] = [];
  for (const span of wordSpans(text)) {
    if (exact.has(span.word) || (prefix !== null && span.word.startsWith(prefix))) {
      ranges.push([span.start, span.end]);
    }
  }
  return ranges;
}
