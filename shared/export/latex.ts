// Plain text → field values that BibTeX reads as balanced and LaTeX compiles.
//
// Two flavors: 'bibtex' turns every non-ASCII character into LaTeX (classic BibTeX and many .bst
// files only handle ASCII); 'biblatex' keeps UTF-8 (biber reads it). Both escape the ASCII
// characters LaTeX treats as special, keep balanced `$…$` math, and (for titles) brace-protect
// acronyms and words with inner capitals so styles that change case leave them alone.
//
// Characters with no LaTeX form in a default pdflatex setup (CJK, emoji, Cyrillic, …) become `{?}`
// in the 'bibtex' flavor, one per run of them: the entry still compiles everywhere and the reader
// sees that something was dropped. Use BibLaTeX to keep them.
//
// Braces are escaped as `{\textbraceleft}` / `{\textbraceright}`, never as `\{`: BibTeX counts
// braces without looking at backslashes, so a lone `\{` would unbalance the field.

/* eslint-disable no-control-regex -- control characters are what these patterns remove or detect */

export type TexFlavor = 'bibtex' | 'biblatex';

// ASCII characters LaTeX gives a meaning. The `<>|` entries only matter for the OT1 fonts that
// classic BibTeX documents often use, where they print as other glyphs.
const ASCII_SPECIALS: Record<string, string> = {
  '\\': '{\\textbackslash}',
  '{': '{\\textbraceleft}',
  '}': '{\\textbraceright}',
  $: '\\$',
  '&': '\\&',
  '%': '\\%',
  '#': '\\#',
  _: '\\_',
  '~': '{\\textasciitilde}',
  '^': '{\\textasciicircum}',
  '<': '{\\textless}',
  '>': '{\\textgreater}',
  '|': '{\\textbar}',
};

/** Characters that are dropped in both flavors: invisible format characters and controls. */
// eslint-disable-next-line no-misleading-character-class -- single code points (ZWJ, variation selectors) on purpose
const INVISIBLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200f\u2060\u2061-\u2064\ufe00-\ufe0f\ufeff]/g;

/** Math-mode forms of symbols and Greek letters; text mode wraps them in `{$…$}`. */
const MATH_SYMBOLS: Record<string, string> = {
  '×': '\\times',
  '÷': '\\div',
  '±': '\\pm',
  '∓': '\\mp',
  '≤': '\\leq',
  '≥': '\\geq',
  '≠': '\\neq',
  '≈': '\\approx',
  '∼': '\\sim',
  '≡': '\\equiv',
  '∝': '\\propto',
  '∞': '\\infty',
  '→': '\\rightarrow',
  '←': '\\leftarrow',
  '↔': '\\leftrightarrow',
  '⇒': '\\Rightarrow',
  '⇐': '\\Leftarrow',
  '⇔': '\\Leftrightarrow',
  '↑': '\\uparrow',
  '↓': '\\downarrow',
  '∈': '\\in',
  '∉': '\\notin',
  '⊂': '\\subset',
  '⊆': '\\subseteq',
  '⊃': '\\supset',
  '⊇': '\\supseteq',
  '∪': '\\cup',
  '∩': '\\cap',
  '∑': '\\sum',
  '∏': '\\prod',
  '∫': '\\int',
  '√': '\\surd',
  '∂': '\\partial',
  '∇': '\\nabla',
  '∀': '\\forall',
  '∃': '\\exists',
  '∅': '\\emptyset',
  '¬': '\\neg',
  '∧': '\\wedge',
  '∨': '\\vee',
  '⊕': '\\oplus',
  '⊗': '\\otimes',
  '∘': '\\circ',
  '⋅': '\\cdot',
  '∗': '\\ast',
  '−': '-',
  '′': "'",
  '″': "''",
  ℓ: '\\ell',
  µ: '\\mu',
  '⟨': '\\langle',
  '⟩': '\\rangle',
  α: '\\alpha',
  β: '\\beta',
  γ: '\\gamma',
  δ: '\\delta',
  ε: '\\epsilon',
  ϵ: '\\epsilon',
  ζ: '\\zeta',
  η: '\\eta',
  θ: '\\theta',
  ϑ: '\\vartheta',
  ι: '\\iota',
  κ: '\\kappa',
  λ: '\\lambda',
  μ: '\\mu',
  ν: '\\nu',
  ξ: '\\xi',
  ο: 'o',
  π: '\\pi',
  ϖ: '\\varpi',
  ρ: '\\rho',
  ϱ: '\\varrho',
  ς: '\\varsigma',
  σ: '\\sigma',
  τ: '\\tau',
  υ: '\\upsilon',
  φ: '\\phi',
  ϕ: '\\phi',
  χ: '\\chi',
  ψ: '\\psi',
  ω: '\\omega',
  Γ: '\\Gamma',
  Δ: '\\Delta',
  Θ: '\\Theta',
  Λ: '\\Lambda',
  Ξ: '\\Xi',
  Π: '\\Pi',
  Σ: '\\Sigma',
  Υ: '\\Upsilon',
  Φ: '\\Phi',
  Ψ: '\\Psi',
  Ω: '\\Omega',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Χ: 'X',
  '²': '^{2}',
  '³': '^{3}',
  '¹': '^{1}',
  '½': '\\frac{1}{2}',
  '¼': '\\frac{1}{4}',
  '¾': '\\frac{3}{4}',
};

/**
 * Text-mode LaTeX for characters that have no decomposition into ASCII letter + accents. Only
 * commands that work in LaTeX's default OT1 setup (plus the kernel's text companion symbols).
 * Letters that exist only in T1 (đ, ð, þ, ŋ) get their nearest ASCII spelling instead.
 */
const TEXT_SYMBOLS: Record<string, string> = {
  ß: '{\\ss}',
  ẞ: '{SS}',
  ø: '{\\o}',
  Ø: '{\\O}',
  æ: '{\\ae}',
  Æ: '{\\AE}',
  œ: '{\\oe}',
  Œ: '{\\OE}',
  å: '{\\aa}',
  Å: '{\\AA}',
  ł: '{\\l}',
  Ł: '{\\L}',
  ı: '{\\i}',
  ȷ: '{\\j}',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'ng',
  Ŋ: 'Ng',
  '—': '---',
  '―': '---',
  '–': '--',
  '‒': '--',
  '‐': '-',
  '‑': '-',
  '‘': '`',
  '’': "'",
  '‚': ',',
  '‛': '`',
  '“': '``',
  '”': "''",
  '„': '``',
  '‟': '``',
  '«': '``',
  '»': "''",
  '‹': '`',
  '›': "'",
  '…': '{\\ldots}',
  '•': '{\\textbullet}',
  '·': '{\\textperiodcentered}',
  '°': '{\\textdegree}',
  '©': '{\\textcopyright}',
  '®': '{\\textregistered}',
  '™': '{\\texttrademark}',
  '€': '{\\texteuro}',
  '£': '{\\pounds}',
  '¥': '{\\textyen}',
  '¢': '{\\textcent}',
  '§': '{\\S}',
  '¶': '{\\P}',
  '†': '{\\dag}',
  '‡': '{\\ddag}',
  '¿': '{?`}',
  '¡': '{!`}',
  '‰': '{\\textperthousand}',
  '\u00a0': '~',
  '\u202f': '~',
  '\u2009': '{\\,}',
};

/** Combining marks → accent command; `true` marks a letter command that needs `{…}` (`\v{s}`). */
const ACCENTS: Record<string, [command: string, braced: boolean]> = {
  '\u0300': ['\\`', false],
  '\u0301': ["\\'", false],
  '\u0302': ['\\^', false],
  '\u0303': ['\\~', false],
  '\u0304': ['\\=', false],
  '\u0307': ['\\.', false],
  '\u0308': ['\\"', false],
  '\u0306': ['\\u', true],
  '\u030a': ['\\r', true],
  '\u030b': ['\\H', true],
  '\u030c': ['\\v', true],
  '\u0323': ['\\d', true],
  '\u0326': ['\\c', true],
  '\u0327': ['\\c', true],
  // Ogonek: \k exists only in T1, and an error is worse than a missing hook, so it is dropped.
  '\u0328': ['', false],
  '\u0331': ['\\b', true],
};
/** Accents placed below the letter: an i or j under them keeps its dot. */
const BELOW = new Set(['\u0323', '\u0326', '\u0327', '\u0328', '\u0331']);

const UNMAPPED = '{?}';
const ASCII_LETTER = /^[A-Za-z]$/;

const bibtexCache = new Map<string, string>();

/** LaTeX for one non-ASCII code point in the 'bibtex' flavor; UNMAPPED when there is none. */
function bibtexChar(ch: string): string {
  const cached = bibtexCache.get(ch);
  if (cached !== undefined) return cached;
  const value = computeBibtexChar(ch);
  bibtexCache.set(ch, value);
  return value;
}

function computeBibtexChar(ch: string): string {
  if (INVISIBLE_CHAR.test(ch)) return '';
  const symbol = TEXT_SYMBOLS[ch];
  if (symbol !== undefined) return symbol;
  const math = MATH_SYMBOLS[ch];
  if (math !== undefined) return `{$${math}$}`;
  const decomposed = ch.normalize('NFKD');
  if (decomposed === ch) return UNMAPPED;
  // A base character followed by its combining marks, possibly several (ǆ → d z ̌).
  let out = '';
  let base: string | null = null;
  let marks: string[] = [];
  const flush = (): boolean => {
    if (base === null) return marks.length === 0;
    if (marks.length === 0) {
      const code = base.charCodeAt(0);
      if (code < 0x80) out += ASCII_SPECIALS[base] ?? (code < 0x20 ? ' ' : base);
      else {
        const mapped = TEXT_SYMBOLS[base] ?? (MATH_SYMBOLS[base] !== undefined ? `{$${MATH_SYMBOLS[base]}$}` : null);
        if (mapped === null) return false;
        out += mapped;
      }
    } else {
      const accented = accentLetter(base, marks);
      if (accented === null) return false;
      out += accented;
    }
    base = null;
    marks = [];
    return true;
  };
  for (const part of decomposed) {
    if (/\p{M}/u.test(part)) {
      if (base === null) return UNMAPPED;
      marks.push(part);
    } else {
      if (!flush()) return UNMAPPED;
      base = part;
    }
  }
  if (!flush()) return UNMAPPED;
  return out;
}

/** `{\'e}`, `{\v{s}}`, `{\"\i}`, `{\~{\^e}}`; null when the letter or an accent has no LaTeX form. */
function accentLetter(letter: string, marks: string[]): string | null {
  if (!ASCII_LETTER.test(letter)) return null;
  let inner = letter;
  if ((letter === 'i' || letter === 'j') && !BELOW.has(marks[0]!)) inner = `\\${letter}`;
  for (const mark of marks) {
    const accent = ACCENTS[mark];
    if (!accent) return null;
    const [command, braced] = accent;
    if (command === '') continue;
    if (braced) inner = `${command}{${inner}}`;
    else if (inner.length === 1 || inner === '\\i' || inner === '\\j') inner = `${command}${inner}`;
    else inner = `${command}{${inner}}`;
  }
  return `{${inner}}`;
}

// Hot paths. Most values (abstracts especially) need nothing: one precompiled character-class test
// plus two cheap checks decide that. The rest is one replace pass that also collapses white space.
const BIBTEX_NEEDS_WORK = /[\\{}$&%#_~^<>|\x00-\x1f\x7f-\uffff]/;
// White space is matched only where it needs rewriting (a run, or a space other than ' '), so
// ordinary text costs no callback per word. No `u` flag (a third slower): a surrogate pair is
// matched as one piece by its own alternative, a lone surrogate alone, as `u` would.
const BIBTEX_CHAR = /(?:[^\S ]| \s)\s*|[\\{}$&%#_~^<>|]|[\x00-\x1f\x7f]|[\ud800-\udbff][\udc00-\udfff]|[^\x00-\x7f]/g;
// What BIBTEX_CHAR and BIBLATEX_CHAR match in printable ASCII text (ASCII_ONLY): specials and
// runs of spaces, nothing else.
const BIBTEX_ASCII_CHAR = / {2,}|[\\{}$&%#_~^<>|]/g;
const BIBLATEX_ASCII_CHAR = / {2,}|[\\{}$&%#_~^]/g;
const BIBLATEX_NEEDS_WORK = /[\\{}$&%#_~^\x00-\x1f\x7f-\uffff]/;
// eslint-disable-next-line no-misleading-character-class -- single code points (ZWJ, variation selectors) on purpose
const BIBLATEX_CHAR = /(?:[^\S ]| \s)\s*|[\\{}$&%#_~^]|[\x00-\x1f\x7f\u00ad\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f]/g;
const RUNS_OF_UNMAPPED = /(?:\{\?\})+/g;
// A regex finds two spaces in a long one-byte text faster than String.prototype.includes does.
const DOUBLE_SPACE = / {2}/;
const LEADING_SPACE = /^\s/;
const ASCII_ONLY = /^[\x20-\x7e]*$/;
// eslint-disable-next-line no-misleading-character-class -- single code points (ZWJ, variation selectors) on purpose
const INVISIBLE_CHAR = /^[\u00ad\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]$/;

/** True when `text` is already a valid field value for the flavor: no specials, no odd spaces. */
function isClean(text: string, flavor: TexFlavor): boolean {
  if (text === '') return true;
  if (text.charCodeAt(0) === 32 || text.charCodeAt(text.length - 1) === 32) return false;
  if ((flavor === 'bibtex' ? BIBTEX_NEEDS_WORK : BIBLATEX_NEEDS_WORK).test(text)) return false;
  return !DOUBLE_SPACE.test(text);
}

/**
 * Escapes plain text (no math, no case protection) for one flavor, white space runs collapsed to
 * one space. Edges are not trimmed: the caller trims the whole value. `ascii` says the text is
 * known to be printable ASCII (ASCII_ONLY), which allows a simpler pattern.
 */
function escapeText(text: string, flavor: TexFlavor, ascii = false): string {
  return isClean(text, flavor) ? text : escapeDirty(text, flavor, ascii);
}

/** An ASCII special's escape, or one space for a run of spaces. */
function asciiEscape(match: string): string {
  return ASCII_SPECIALS[match] ?? ' ';
}

/** escapeText for a value already known not to be clean. */
function escapeDirty(text: string, flavor: TexFlavor, ascii = false): string {
  if (ascii) return text.replace(flavor === 'bibtex' ? BIBTEX_ASCII_CHAR : BIBLATEX_ASCII_CHAR, asciiEscape);
  if (flavor === 'bibtex') {
    let unmapped = false;
    const out = text.replace(BIBTEX_CHAR, (ch) => {
      const special = ASCII_SPECIALS[ch];
      if (special !== undefined) return special;
      if (LEADING_SPACE.test(ch)) return ' ';
      const code = ch.charCodeAt(0);
      if (code < 0x20 || code === 0x7f) return '';
      const mapped = bibtexChar(ch);
      if (mapped === UNMAPPED) unmapped = true;
      return mapped;
    });
    return unmapped ? out.replace(RUNS_OF_UNMAPPED, UNMAPPED) : out;
  }
  return text.replace(BIBLATEX_CHAR, (ch) => ASCII_SPECIALS[ch] ?? (LEADING_SPACE.test(ch) ? ' ' : ''));
}

const WHITESPACE_RUN = /\s+/g;
const ODD_WHITESPACE = /[\t\n\r\f\v\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** Collapses every run of white space (line breaks included) to one space and trims. */
export function collapseWhitespace(text: string): string {
  if (text === '') return text;
  const edge = text.charCodeAt(0) <= 32 || text.charCodeAt(text.length - 1) <= 32;
  if (!edge && !DOUBLE_SPACE.test(text) && !ODD_WHITESPACE.test(text)) return text;
  return text.replace(WHITESPACE_RUN, ' ').trim();
}

// --- math spans -------------------------------------------------------------------------------

interface Segment {
  math: boolean;
  text: string;
}

const DIGIT = /[0-9]/;
const SPACE = /\s/;

/**
 * Splits text into plain and `$…$` math segments. A span opens at a `$` followed by a non-space
 * and closes at the next `$` preceded by a non-space and not followed by a digit (Pandoc's rule,
 * so "$5 and $10" stays text). A span is math only when its braces balance and every character
 * in it has a math form; otherwise its `$` is plain text and gets escaped.
 */
function splitMath(text: string): Segment[] {
  const segments: Segment[] = [];
  let plainStart = 0;
  let i = text.indexOf('$');
  while (i !== -1) {
    const end = closingDollar(text, i);
    const content = end === -1 ? null : text.slice(i + 1, end);
    if (content !== null && isUsableMath(content)) {
      if (i > plainStart) segments.push({ math: false, text: text.slice(plainStart, i) });
      segments.push({ math: true, text: content });
      plainStart = end + 1;
      i = text.indexOf('$', plainStart);
    } else {
      i = text.indexOf('$', i + 1);
    }
  }
  if (plainStart < text.length) segments.push({ math: false, text: text.slice(plainStart) });
  return segments;
}

function closingDollar(text: string, open: number): number {
  const first = text[open + 1];
  if (first === undefined || first === '$' || SPACE.test(first)) return -1;
  if (open > 0 && text[open - 1] === '\\') return -1;
  for (let j = open + 2; j < text.length; j++) {
    if (text[j] !== '$') continue;
    const before = text[j - 1]!;
    if (SPACE.test(before) || before === '\\') return -1;
    const after = text[j + 1];
    if (after !== undefined && DIGIT.test(after)) return -1;
    return j;
  }
  return -1;
}

/** TeX primitives and commands that read or write files or redefine things: never passed through. */
const UNSAFE_MATH_COMMAND =
  /\\(?:input|include|openin|openout|read|write|immediate|special|def|edef|gdef|xdef|let|futurelet|catcode|csname|endcsname|expandafter|newcommand|renewcommand|providecommand|DeclareRobustCommand|usepackage|RequirePackage|documentclass|makeatletter|makeatother|begin|end|verb|url|href|jobname|output|everypar|shipout|loop|directlua|pdfprimitive|primitive)(?![a-zA-Z])/;

const MATH_COMMAND_START = /[A-Za-z{}$%&#_,;:!| \\]/;

function isUsableMath(content: string): boolean {
  if (UNSAFE_MATH_COMMAND.test(content)) return false;
  // Balanced for BibTeX (every brace counts) and for TeX (escaped braces do not).
  let raw = 0;
  let tex = 0;
  for (let k = 0; k < content.length; k++) {
    const ch = content[k]!;
    if (ch === '\\') {
      const next = content[k + 1];
      // Control words and the usual control symbols only (`\9` or `\é` would be undefined).
      if (next === undefined || !MATH_COMMAND_START.test(next)) return false;
      if (next === '{' || next === '}') raw += next === '{' ? 1 : -1;
      if (raw < 0) return false;
      k++;
      continue;
    }
    if (ch === '{') {
      raw++;
      tex++;
    } else if (ch === '}') {
      raw--;
      tex--;
      if (raw < 0 || tex < 0) return false;
    } else if (ch.charCodeAt(0) > 0x7f && MATH_SYMBOLS[ch] === undefined) return false;
    else if (ch.charCodeAt(0) < 0x20 && !SPACE.test(ch)) return false;
  }
  return raw === 0 && tex === 0;
}

const MATH_NEEDS_WORK = /[%#&\s\x80-\uffff]/;
const MATH_CHAR = /\\.|\s+|[%#&]|[^\x00-\x7f]/gu;

/** Math content as LaTeX: `% # &` escaped (they break even in math), symbols as commands. */
function mathContent(content: string): string {
  if (!MATH_NEEDS_WORK.test(content)) return content;
  return content.replace(MATH_CHAR, (match) => {
    if (match.length === 2 && match[0] === '\\') return match;
    if (match === '%' || match === '#' || match === '&') return `\\${match}`;
    if (LEADING_SPACE.test(match)) return ' ';
    return `${MATH_SYMBOLS[match] ?? ''} `;
  });
}

// --- case protection --------------------------------------------------------------------------

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const UPPER = /\p{Lu}/u;
const DIGIT_CHAR = /\p{N}/u;

function isWordChar(code: number, ch: string): boolean {
  if (code < 0x80) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(ch);
}

/**
 * Escapes a title segment, bracing the words a case-changing style must leave alone: any capital
 * after the first character (`{SpiNNaker}`, `{GPT}`, `{vAttention}`, `{3D}`), or a capital with a
 * digit (`{C4}`, `{Llama3}`); plural acronyms keep the s outside (`{LLM}s`). One scan by index:
 * only protected words cut the text, everything else is escaped in a few large pieces.
 */
function protectCase(text: string, flavor: TexFlavor, ascii = false): string {
  if (ascii) return protectCaseAscii(text, flavor);
  let out = '';
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    let code = text.charCodeAt(i);
    let width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    // the character is cut out only when it is not ASCII (most title characters are)
    if (!isWordChar(code, code < 0x80 ? '' : text.slice(i, i + width))) {
      i += width;
      continue;
    }
    const start = i;
    let firstUpper = false;
    let innerUpper = false;
    let upperCount = 0;
    let digit = false;
    while (i < n) {
      code = text.charCodeAt(i);
      width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
      const ch = code < 0x80 ? '' : text.slice(i, i + width);
      if (!isWordChar(code, ch)) break;
      const upper = code < 0x80 ? code >= 65 && code <= 90 : UPPER.test(ch);
      if (upper) {
        upperCount++;
        if (i === start) firstUpper = true;
        else innerUpper = true;
      } else if (code < 0x80 ? code >= 48 && code <= 57 : DIGIT_CHAR.test(ch)) {
        digit = true;
      }
      i += width;
    }
    if (!innerUpper && !(firstUpper && digit)) continue;
    out += escapeText(text.slice(last, start), flavor);
    out += protectedWord(text.slice(start, i), upperCount, flavor, false);
    last = i;
  }
  return last === 0 ? escapeText(text, flavor) : out + escapeText(text.slice(last), flavor);
}

/** A word protectCase braces; `upperCount` is its number of capitals. */
function protectedWord(word: string, upperCount: number, flavor: TexFlavor, ascii: boolean): string {
  // LLMs → {LLM}s: an all-capitals word with a plural s.
  const plural = upperCount >= 2 && word.endsWith('s') && upperCount === word.length - 1 - countDigits(word);
  return plural ? `{${escapeText(word.slice(0, -1), flavor, ascii)}}s` : `{${escapeText(word, flavor, ascii)}}`;
}

/**
 * The words protectCase braces, in printable ASCII text, where a word is a run of ASCII letters and
 * digits: from a word's start, either a capital after its first character, or a capital first and
 * a digit before any other capital; then the rest of the word.
 */
const ASCII_PROTECTED_WORD = /(?<![A-Za-z0-9])(?:[A-Za-z0-9]+[A-Z]|[A-Z][a-z]*[0-9])[A-Za-z0-9]*/g;
/** Found in every word ASCII_PROTECTED_WORD matches, and several times faster to rule out. */
const ASCII_PROTECTED_HINT = /[A-Za-z0-9][A-Z]|[A-Z][a-z]*[0-9]/;

/**
 * protectCase for printable ASCII text (most titles): the words to brace are found by one regex
 * instead of a scan by character, and the text between them is escaped as in protectCase.
 */
function protectCaseAscii(text: string, flavor: TexFlavor): string {
  if (!ASCII_PROTECTED_HINT.test(text)) return escapeText(text, flavor, true);
  ASCII_PROTECTED_WORD.lastIndex = 0;
  let match = ASCII_PROTECTED_WORD.exec(text);
  if (match === null) return escapeText(text, flavor, true);
  let out = '';
  let last = 0;
  do {
    const word = match[0];
    out += escapeText(text.slice(last, match.index), flavor, true);
    out += protectedWord(word, countUpper(word), flavor, true);
    last = match.index + word.length;
    match = ASCII_PROTECTED_WORD.exec(text);
  } while (match !== null);
  return out + escapeText(text.slice(last), flavor, true);
}

function countUpper(word: string): number {
  let count = 0;
  for (let k = 0; k < word.length; k++) {
    const code = word.charCodeAt(k);
    if (code >= 65 && code <= 90) count++;
  }
  return count;
}

function countDigits(word: string): number {
  let count = 0;
  for (let k = 0; k < word.length; k++) {
    const code = word.charCodeAt(k);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}

// --- public ----------------------------------------------------------------------------------

// --- one-byte output -------------------------------------------------------------------------

const WIDE_CHAR = /[^\x00-\xff]/;
/** Reused for every call: `apply` takes a plain array of small integers twice as fast as a typed one. */
const codeBuffer: number[] = [];
const CHUNK = 8192;
/** Short texts (keys, names, titles) get a reused array of their exact length: setting an array's length costs a call. */
const SHORT = 256;
const shortBuffers: number[][] = [];

/**
 * A one-byte copy of text whose characters are all below U+0100. V8 keeps a string two-byte when
 * it was replaced or cut out of a two-byte one (a name with "ž", an abstract with "—"), whatever
 * characters are left; one such piece makes a whole exported file two-byte: twice the memory, and
 * every other piece widened when the file is put together.
 */
export function asOneByte(text: string): string {
  const n = text.length;
  if (n <= SHORT) {
    const codes = (shortBuffers[n] ??= new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) codes[i] = text.charCodeAt(i);
    return String.fromCharCode.apply(null, codes);
  }
  let out = '';
  // fromCharCode builds a one-byte string while every code fits; chunks keep the argument count small.
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(n, start + CHUNK);
    codeBuffer.length = end - start;
    for (let i = start; i < end; i++) codeBuffer[i - start] = text.charCodeAt(i);
    out += String.fromCharCode.apply(null, codeBuffer);
  }
  return out;
}

/** The 'bibtex' flavor's output is ASCII: make it one-byte when the input was wide. */
function narrow(result: string, input: string, flavor: TexFlavor): string {
  return flavor === 'bibtex' && WIDE_CHAR.test(input) ? asOneByte(result) : result;
}

/** Char code → escape (`{\\textless}`) as char codes, per flavor; undefined for other characters. */
function specialCodes(flavor: TexFlavor): (number[] | undefined)[] {
  const table: (number[] | undefined)[] = [];
  for (const [ch, escape] of Object.entries(ASCII_SPECIALS)) {
    if (flavor === 'biblatex' && (ch === '<' || ch === '>' || ch === '|')) continue;
    table[ch.charCodeAt(0)] = [...escape].map((c) => c.charCodeAt(0));
  }
  return table;
}
const SPECIAL_CODES = { bibtex: specialCodes('bibtex'), biblatex: specialCodes('biblatex') };
/** Reused by asciiTitle: the output's char codes, grown as needed. */
const titleCodes: number[] = [];
const TITLE_SCAN_LIMIT = 2048;

function isAsciiAlnum(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * latexTitle for printable ASCII text without `$` (most titles), in one scan that writes the
 * output's char codes: specials escaped, runs of spaces collapsed, edges trimmed, and the words
 * protectCase braces braced, exactly as convertDirty would. The result is one-byte whatever the
 * input's representation. null when the text is not printable ASCII or holds a `$`.
 */
function asciiTitle(text: string, flavor: TexFlavor): string | null {
  const specials = SPECIAL_CODES[flavor];
  const codes = titleCodes;
  const n = text.length;
  if (n > TITLE_SCAN_LIMIT) return null; // the reused buffer stays small
  let length = 0;
  let i = 0;
  while (i < n && text.charCodeAt(i) === 32) i++; // leading spaces are trimmed
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code < 32 || code > 126 || code === 36) return null;
    if (!isAsciiAlnum(code)) {
      if (code === 32) {
        while (i + 1 < n && text.charCodeAt(i + 1) === 32) i++;
        codes[length++] = 32;
      } else {
        const escape = specials[code];
        if (escape === undefined) codes[length++] = code;
        else for (let k = 0; k < escape.length; k++) codes[length++] = escape[k]!;
      }
      i++;
      continue;
    }
    // A word, copied as it is read: braced afterwards when a capital follows its first character,
    // or when it starts with a capital and holds a digit (ASCII_PROTECTED_WORD); an all-capitals
    // plural keeps its s outside the braces.
    const start = length;
    const firstUpper = code >= 65 && code <= 90;
    let upper = firstUpper ? 1 : 0;
    let digits = code <= 57 ? 1 : 0;
    codes[length++] = code;
    for (i++; i < n; i++) {
      const next = text.charCodeAt(i);
      if (!isAsciiAlnum(next)) break;
      if (next >= 65 && next <= 90) upper++;
      else if (next <= 57) digits++;
      codes[length++] = next;
    }
    if (upper <= (firstUpper ? 1 : 0) && !(firstUpper && digits > 0)) continue;
    const plural = upper >= 2 && codes[length - 1] === 115 && upper === length - start - 1 - digits;
    const end = plural ? length - 1 : length;
    for (let k = end; k > start; k--) codes[k] = codes[k - 1]!;
    codes[start] = 123;
    codes[end + 1] = 125;
    length += 2;
    if (plural) codes[length - 1] = 115;
  }
  if (length > 0 && codes[length - 1] === 32) length--; // trailing space trimmed
  return codesToString(codes, length);
}

/** The first `length` of `codes` as a string; one-byte when every code is below 256. */
function codesToString(codes: number[], length: number): string {
  if (length <= SHORT) {
    // fromCharCode.apply takes the whole array: copied into a reused one of the exact length.
    const exact = (shortBuffers[length] ??= new Array<number>(length).fill(0));
    for (let k = 0; k < length; k++) exact[k] = codes[k]!;
    return String.fromCharCode.apply(null, exact);
  }
  let out = '';
  for (let start = 0; start < length; start += CHUNK) {
    out += String.fromCharCode.apply(null, codes.slice(start, Math.min(length, start + CHUNK)));
  }
  return out;
}

function convert(text: string, flavor: TexFlavor, math: boolean, protect: boolean): string {
  if (!protect && isClean(text, flavor)) return text;
  if (protect && math) {
    const ascii = asciiTitle(text, flavor);
    if (ascii !== null) return ascii;
  }
  const result = convertDirty(text, flavor, math, protect);
  // Titles are short: always made one-byte, since one cut from a two-byte file stays two-byte
  // whatever its characters. Longer text only when it holds a wide character.
  return protect && flavor === 'bibtex' ? asOneByte(result) : narrow(result, text, flavor);
}

function convertDirty(text: string, flavor: TexFlavor, math: boolean, protect: boolean): string {
  const ascii = ASCII_ONLY.test(text);
  const clean = ascii ? text : text.normalize('NFC');
  if (!math || !clean.includes('$')) {
    return (protect ? protectCase(clean, flavor, ascii) : escapeDirty(clean, flavor, ascii)).trim();
  }
  const plain = (segment: string) =>
    protect ? protectCase(segment, flavor, ascii) : escapeText(segment, flavor, ascii);
  let out = '';
  for (const segment of splitMath(clean)) {
    if (!segment.math) out += plain(segment.text);
    else if (protect) out += `{$${mathContent(segment.text)}$}`;
    else out += `$${mathContent(segment.text)}$`;
  }
  return out.trim();
}

/** A title: math kept, acronyms and inner capitals brace-protected, never the whole title. */
export function latexTitle(text: string, flavor: TexFlavor): string {
  return convert(text, flavor, true, true);
}

/** Running text such as an abstract: math kept, no case protection. */
export function latexText(text: string, flavor: TexFlavor): string {
  return convert(text, flavor, true, false);
}

/** Text where `$` means a dollar sign (names, keywords, notes). */
export function latexLiteral(text: string, flavor: TexFlavor): string {
  return convert(text, flavor, false, false);
}

/**
 * Notes: like latexLiteral, but line breaks survive (blank lines become one line break, since a
 * paragraph break inside a field breaks some styles).
 */
export function latexNotes(text: string, flavor: TexFlavor): string {
  const notes = text
    .normalize('NFC')
    .split(/\r\n|\r|\n/)
    .map((line) => escapeText(collapseWhitespace(line), flavor))
    .filter((line) => line !== '')
    .join('\n');
  return narrow(notes, text, flavor);
}

const VERBATIM_UNSAFE = /[{}\\\s"]/g;

/** url, doi and eprint values: verbatim fields, so only what could break the entry is %-encoded. */
export function latexVerbatim(text: string): string {
  return text
    .trim()
    .replace(INVISIBLE, '')
    .replace(VERBATIM_UNSAFE, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
