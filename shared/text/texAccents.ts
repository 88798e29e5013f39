// TeX accent commands (`Ara\'ujo`, `Sa\v{s}a`, `{\"o}`, `\c{c}`, `\ss`) to Unicode, for author
// names and titles in arXiv listings. Everything that is not an accent or a named letter (math,
// unknown macros) is left exactly as written.

/** Accent command → combining mark; NFC then composes base + mark into one character. */
const COMBINING: Record<string, string> = {
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '"': '\u0308',
  '~': '\u0303',
  '=': '\u0304',
  '.': '\u0307',
  u: '\u0306',
  v: '\u030c',
  H: '\u030b',
  c: '\u0327',
  k: '\u0328',
  r: '\u030a',
  d: '\u0323',
  b: '\u0331',
};

/** Letter-like commands that stand for a character of their own. */
const NAMED_LETTERS: Record<string, string> = {
  i: 'ı',
  j: 'ȷ',
  o: 'ø',
  O: 'Ø',
  l: 'ł',
  L: 'Ł',
  ss: 'ß',
  ae: 'æ',
  AE: 'Æ',
  oe: 'œ',
  OE: 'Œ',
  aa: 'å',
  AA: 'Å',
  dh: 'ð',
  DH: 'Ð',
  th: 'þ',
  TH: 'Þ',
  ng: 'ŋ',
  NG: 'Ŋ',
};

// One pass over the text, alternatives tried left to right at each backslash:
//  1. a symbol accent (\' \` \^ \" \~ \= \.) followed by {x}, {\i}, or a bare letter
//  2. a letter accent (\v \u \H \c \k \r \d \b) followed by {x}/{\i}, or by a space and a letter;
//     requiring one of those keeps `\vec` or `\beta` from being read as `\v` + `ec`
//  3. a named letter (\ss, \o, \aa …) not followed by another letter (`\omega` stays); like
//     TeX, one space or `{}` after it only ends the command name
// Braces around the whole command (`{\"o}`) only protect it from BibTeX's case changes and go too;
// other braces (`$\mathbb{R}$`) are left alone.
const ACCENT = new RegExp(
  [
    String.raw`(?<open>\{\s*)?`,
    '(?:',
    String.raw`\\(?<symbol>['\x60^"~=.])\s*(?:\{\s*(?<symbolBraced>\\[ij]|[A-Za-z])\s*\}|(?<symbolBare>\\[ij](?![A-Za-z])|[A-Za-z]))`,
    '|',
    String.raw`\\(?<letter>[uvHckrdb])(?:\s*\{\s*(?<letterBraced>\\[ij]|[A-Za-z])\s*\}|\s+(?<letterSpaced>[A-Za-z])(?![A-Za-z]))`,
    '|',
    String.raw`\\(?<named>ss|ae|AE|oe|OE|aa|AA|dh|DH|th|TH|ng|NG|[ijoOlL])(?![A-Za-z])(?:\{\}| )?`,
    ')',
    String.raw`(?<close>\s*\})?`,
  ].join(''),
  'g',
);

interface AccentGroups {
  open?: string;
  close?: string;
  symbol?: string;
  symbolBraced?: string;
  symbolBare?: string;
  letter?: string;
  letterBraced?: string;
  letterSpaced?: string;
  named?: string;
}

/** Replaces TeX accents and named letters with Unicode (NFC); leaves everything else as written. */
export function decodeTexAccents(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(ACCENT, (...args: unknown[]) => {
    const whole = args[0] as string;
    const groups = args[args.length - 1] as AccentGroups;
    const character = accentedCharacter(groups);
    if (character === null) return whole;
    // Keep a lone brace: it belongs to something around the command.
    const keepOpen = groups.open !== undefined && groups.close === undefined ? groups.open : '';
    const keepClose = groups.close !== undefined && groups.open === undefined ? groups.close : '';
    return keepOpen + character + keepClose;
  });
}

function accentedCharacter(groups: AccentGroups): string | null {
  if (groups.named) return NAMED_LETTERS[groups.named] ?? null;
  const command = groups.symbol ?? groups.letter;
  const mark = command ? COMBINING[command] : undefined;
  const base = baseLetter(groups.symbolBraced ?? groups.symbolBare ?? groups.letterBraced ?? groups.letterSpaced ?? '');
  if (!mark || !base) return null;
  return (base + mark).normalize('NFC');
}

function baseLetter(raw: string): string {
  // An accent on \i or \j goes on the plain letter: \'{\i} is í, not a dotless i with an acute.
  if (raw === '\\i') return 'i';
  if (raw === '\\j') return 'j';
  return raw;
}
