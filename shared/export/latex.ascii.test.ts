// Printable ASCII titles and text take a shorter path through latex.ts (one regex for the words
// to brace, one for the characters to escape). This checks that path against a plain statement of
// the rules, written here without any of latex.ts's shortcuts.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TexFlavor, latexLiteral, latexText, latexTitle } from './latex';

const SPECIALS: Record<TexFlavor, Record<string, string>> = {
  bibtex: {
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
  },
  biblatex: {
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
  },
};

/** Specials escaped, runs of spaces made one. */
function escape(text: string, flavor: TexFlavor): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' && text[i - 1] === ' ') continue;
    out += SPECIALS[flavor][ch] ?? ch;
  }
  return out;
}

/** Words (runs of ASCII letters and digits) with a capital after the first character, or a capital first and a digit, braced. */
function title(text: string, flavor: TexFlavor): string {
  let out = '';
  for (const [piece] of text.matchAll(/[A-Za-z0-9]+|[^A-Za-z0-9]+/g)) {
    const isWord = /^[A-Za-z0-9]/.test(piece);
    const innerUpper = /[A-Z]/.test(piece.slice(1));
    const firstUpperAndDigit = /^[A-Z]/.test(piece) && /[0-9]/.test(piece);
    if (!isWord || !(innerUpper || firstUpperAndDigit)) {
      out += escape(piece, flavor);
      continue;
    }
    const capitals = piece.replace(/[^A-Z]/g, '').length;
    const digits = piece.replace(/[^0-9]/g, '').length;
    const plural = capitals >= 2 && piece.endsWith('s') && capitals === piece.length - 1 - digits;
    out += plural ? `{${piece.slice(0, -1)}}s` : `{${piece}}`;
  }
  return out.trim();
}

// Printable ASCII without `$` (math spans have their own tests), weighted towards title material.
const PIECES = [
  ...[' ', '  ', '   ', 'a', 'z', 'A', 'Z', '0', '9', 'ab', 'Ab', 'aB', 'AB', 'ABs', 'A1', 'Ab1', 'a1B', '1A', '1a'],
  ...['LLMs', 'LLM2s', 'GPT4', 'iPhone', 's', 'S', 'and', 'Title', '-', '.', ',', ':', "'", '"', '(', ')', '@'],
  ...['\\', '{', '}', '&', '%', '#', '_', '~', '^', '<', '>', '|'],
];
const asciiText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((pieces) => pieces.join('')),
  fc
    .string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 60 })
    .map((text) => text.replace(/\$/g, 'S')),
);

describe('latex on printable ASCII', () => {
  it.each([
    ['Simple Strategies to Pre-train LLMs', 'Simple Strategies to Pre-train {LLM}s'],
    ['GPT4 and Llama3 on iPhone 3D', '{GPT4} and {Llama3} on {iPhone} {3D}'],
    ['  C4:  a_b & 100% #1  ', '{C4}: a\\_b \\& 100\\% \\#1'],
    ['word word ... #000123', 'word word ... \\#000123'],
  ])('latexTitle(%j)', (input, expected) => {
    expect(latexTitle(input, 'bibtex')).toBe(expected);
  });

  it('titles follow the rules for both flavors', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        for (const flavor of ['bibtex', 'biblatex'] as const) {
          expect(latexTitle(text, flavor)).toBe(title(text, flavor));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('running text and literals are escaped, spaces collapsed, edges trimmed', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        for (const flavor of ['bibtex', 'biblatex'] as const) {
          expect(latexText(text, flavor)).toBe(escape(text, flavor).trim());
          expect(latexLiteral(text, flavor)).toBe(escape(text, flavor).trim());
        }
      }),
      { numRuns: 3000 },
    );
  });
});
