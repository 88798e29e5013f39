import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TexFlavor, latexLiteral, latexNotes, latexText, latexTitle, latexVerbatim } from './latex';

/** BibTeX's own rule: braces counted with no regard to backslashes, never below zero, zero at the end. */
function bracesBalanced(value: string): boolean {
  let depth = 0;
  for (const ch of value) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Reads a value as TeX would: `& % #` must always be escaped, `_ ^ ~` only appear inside `$…$`,
 * every backslash starts a command, and math spans are closed.
 */
function noUnescapedSpecials(value: string): boolean {
  let math = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\') {
      const next = value[i + 1];
      if (next === undefined || !/[A-Za-z&%$#_'"`^~=.,;:!|{} \\]/.test(next)) return false;
      i++;
      if (/[A-Za-z]/.test(next)) while (i + 1 < value.length && /[A-Za-z]/.test(value[i + 1]!)) i++;
      continue;
    }
    if (ch === '$') math = !math;
    else if ('&%#'.includes(ch)) return false;
    else if (!math && '_^~'.includes(ch)) return false;
  }
  return !math;
}

const PRINTABLE_ASCII = /^[\x20-\x7e\n]*$/;

describe('latexLiteral: every special character', () => {
  it.each([
    ['&', '\\&'],
    ['%', '\\%'],
    ['$', '\\$'],
    ['#', '\\#'],
    ['_', '\\_'],
    ['{', '{\\textbraceleft}'],
    ['}', '{\\textbraceright}'],
    ['~', '{\\textasciitilde}'],
    ['^', '{\\textasciicircum}'],
    ['\\', '{\\textbackslash}'],
    ['<', '{\\textless}'],
    ['>', '{\\textgreater}'],
    ['|', '{\\textbar}'],
  ])('%s → %s', (input, output) => {
    expect(latexLiteral(`a${input}b`, 'bibtex')).toBe(`a${output}b`);
  });

  it('escapes specials in BibLaTeX too, but leaves < > | alone', () => {
    expect(latexLiteral('R&D 50% $x #1 a_b {c} ~ ^ \\ <>|', 'biblatex')).toBe(
      'R\\&D 50\\% \\$x \\#1 a\\_b {\\textbraceleft}c{\\textbraceright} {\\textasciitilde} {\\textasciicircum} {\\textbackslash} <>|',
    );
  });

  it('collapses white space and drops control and invisible characters', () => {
    expect(latexLiteral('  a\t b\n\nc\u0007d\u200be\u00a0f  ', 'bibtex')).toBe('a b cde f');
    expect(latexLiteral('  a\t b\n\nc\u0007d\u200be ', 'biblatex')).toBe('a b cde');
  });
});

describe('latexLiteral: non-ASCII in the BibTeX flavor', () => {
  it.each([
    ['ö', '{\\"o}'],
    ['š', '{\\v{s}}'],
    ['é', "{\\'e}"],
    ['è', '{\\`e}'],
    ['ñ', '{\\~n}'],
    ['ç', '{\\c{c}}'],
    ['ő', '{\\H{o}}'],
    ['ă', '{\\u{a}}'],
    ['ů', '{\\r{u}}'],
    ['ï', '{\\"\\i}'],
    ['í', "{\\'\\i}"],
    ['ễ', '{\\~{\\^e}}'],
    ['ß', '{\\ss}'],
    ['ø', '{\\o}'],
    ['Ø', '{\\O}'],
    ['æ', '{\\ae}'],
    ['œ', '{\\oe}'],
    ['å', '{\\aa}'],
    ['ł', '{\\l}'],
    ['Ł', '{\\L}'],
    ['ą', '{a}'],
    ['đ', 'd'],
    ['þ', 'th'],
    ['—', '---'],
    ['–', '--'],
    ['“', '``'],
    ['”', "''"],
    ['‘', '`'],
    ['’', "'"],
    ['…', '{\\ldots}'],
    ['€', '{\\texteuro}'],
    ['α', '{$\\alpha$}'],
    ['≤', '{$\\leq$}'],
    ['×', '{$\\times$}'],
    ['ﬁ', 'fi'],
  ])('%s → %s', (input, output) => {
    expect(latexLiteral(input, 'bibtex')).toBe(output);
  });

  it('writes one {?} per run of characters with no LaTeX form', () => {
    expect(latexLiteral('中文 标题 🚀👩‍🔬 Привет', 'bibtex')).toBe('{?} {?} {?} {?}');
  });

  it('keeps UTF-8 in the BibLaTeX flavor', () => {
    expect(latexLiteral('Sašo Džeroski — 中文 🚀', 'biblatex')).toBe('Sašo Džeroski — 中文 🚀');
  });

  it('normalizes to NFC first (decomposed input gives the same LaTeX)', () => {
    expect(latexLiteral('Sas\u030co', 'bibtex')).toBe('Sa{\\v{s}}o');
  });
});

describe('math spans', () => {
  it.each([
    ['$O(n^2)$ time', '{$O(n^2)$} time'],
    ['$\\mathcal{O}(n)$', '{$\\mathcal{O}(n)$}'],
    ['$k$-NN', '{$k$}-{NN}'],
    ['$50%$', '{$50\\%$}'],
    ['$α+β$', '{$\\alpha +\\beta $}'],
  ])('title %s → %s', (input, output) => {
    expect(latexTitle(input, 'bibtex')).toBe(output);
  });

  it.each([
    ['costs $5 and $10', 'costs \\$5 and \\$10'],
    ['$ x$', '\\$ x\\$'],
    ['$a{$', '\\$a{\\textbraceleft}\\$'],
    ['$a}{$', '\\$a{\\textbraceright}{\\textbraceleft}\\$'],
    ['$\\{ }$', '\\${\\textbackslash}{\\textbraceleft} {\\textbraceright}\\$'],
    ['$a\\$', '\\$a{\\textbackslash}\\$'],
    ['$中$', '\\${?}\\$'],
    ['$\\input{/etc/passwd}$', '\\${\\textbackslash}input{\\textbraceleft}/etc/passwd{\\textbraceright}\\$'],
    ['single $ sign', 'single \\$ sign'],
    ['$\\9$', '\\${\\textbackslash}9\\$'],
  ])('%s is not math: %s', (input, output) => {
    expect(latexText(input, 'bibtex')).toBe(output);
  });

  it('keeps math unbraced in running text', () => {
    expect(latexText('with $x_1$ and $y$.', 'bibtex')).toBe('with $x_1$ and $y$.');
  });
});

describe('case protection in titles', () => {
  it.each([
    ['Scaling LLMs', 'Scaling {LLM}s'],
    ['Language Modeling on a SpiNNaker 2 Chip', 'Language Modeling on a {SpiNNaker} 2 Chip'],
    ['GPT-4 Technical Report', '{GPT}-4 Technical Report'],
    ['Efficient Training with C4', 'Efficient Training with {C4}'],
    ['vAttention and InterFormer', '{vAttention} and {InterFormer}'],
    ['Open Llama3 Models', 'Open {Llama3} Models'],
    ['The I-MSA Module', 'The I-{MSA} Module'],
    ['3D Scenes', '{3D} Scenes'],
    ['GPUs and V100s for SNNs', '{GPU}s and {V100s} for {SNN}s'],
    ['LLaMAs and Ms', '{LLaMAs} and Ms'],
    ['Plain Title Case Words', 'Plain Title Case Words'],
    ['a sentence case title', 'a sentence case title'],
  ])('%s → %s', (input, output) => {
    expect(latexTitle(input, 'bibtex')).toBe(output);
  });

  it('braces the LaTeX form of non-ASCII capitals', () => {
    expect(latexTitle('ŠKODA Cars', 'bibtex')).toBe('{{\\v{S}}KODA} Cars');
    expect(latexTitle('ŠKODA Cars', 'biblatex')).toBe('{ŠKODA} Cars');
  });

  it('treats printable-ASCII titles (one scan) exactly like the general path', () => {
    // Digits before the capitals, a plural after them, runs and edges of spaces, specials next to words.
    expect(latexTitle('  7LLMs  and  GPUs2 #1_x{y}   ', 'bibtex')).toBe(
      '{7LLM}s and {GPUs2} \\#1\\_x{\\textbraceleft}y{\\textbraceright}',
    );
    expect(latexTitle('a<b>|c ~ ^', 'bibtex')).toBe(
      'a{\\textless}b{\\textgreater}{\\textbar}c {\\textasciitilde} {\\textasciicircum}',
    );
    expect(latexTitle('a<b>|c ~ ^', 'biblatex')).toBe('a<b>|c {\\textasciitilde} {\\textasciicircum}');
    expect(latexTitle('   ', 'bibtex')).toBe('');
    // Same output as when the title goes the general way (a non-ASCII character elsewhere in it).
    const ascii = 'Scaling 7LLMs & V100s:  a {GPU}  study_';
    expect(latexTitle(`${ascii} é`, 'bibtex')).toBe(`${latexTitle(ascii, 'bibtex')} {\\'e}`);
  });

  it('never wraps the whole title', () => {
    const title = latexTitle('Attention Is All You Need', 'bibtex');
    expect(title.startsWith('{') && title.endsWith('}')).toBe(false);
  });
});

describe('notes and verbatim fields', () => {
  it('keeps single line breaks in notes, drops blank lines', () => {
    expect(latexNotes('first & one\n\n\n  second  line\r\nthird', 'bibtex')).toBe('first \\& one\nsecond line\nthird');
  });

  it('percent-encodes what could break a url or doi', () => {
    expect(latexVerbatim(' https://x.org/a b{c}\\d"e ')).toBe('https://x.org/a%20b%7Bc%7D%5Cd%22e');
    expect(latexVerbatim('10.1000/a_b%c#d')).toBe('10.1000/a_b%c#d');
  });
});

describe('properties: for any string', () => {
  const flavors: TexFlavor[] = ['bibtex', 'biblatex'];
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 60 }),
    fc.string({ unit: fc.constantFrom(...'&%$#_{}~^\\ aZ9$\n\t—é中🚀'.split('')), maxLength: 60 }),
  );

  it('literal values have balanced braces and no unescaped specials', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...flavors), (text, flavor) => {
        const value = latexLiteral(text, flavor);
        expect(bracesBalanced(value)).toBe(true);
        expect(noUnescapedSpecials(value)).toBe(true);
        if (flavor === 'bibtex') expect(value).toMatch(PRINTABLE_ASCII);
      }),
      { numRuns: 2000 },
    );
  });

  it('titles and abstracts (math allowed) have balanced braces; BibTeX output is ASCII', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...flavors), (text, flavor) => {
        for (const value of [latexTitle(text, flavor), latexText(text, flavor)]) {
          expect(bracesBalanced(value)).toBe(true);
          expect(value.endsWith('\\')).toBe(false);
          expect(noUnescapedSpecials(value)).toBe(true);
          if (flavor === 'bibtex') expect(value).toMatch(PRINTABLE_ASCII);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('notes keep the same guarantees line by line', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...flavors), (text, flavor) => {
        const value = latexNotes(text, flavor);
        expect(bracesBalanced(value)).toBe(true);
        expect(noUnescapedSpecials(value)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
