/**
 * Math in notes: remark-math's syntax with two conventions people expect from Pandoc, Obsidian
 * and GitHub, which remark-math itself does not follow (micromark/micromark-extension-math#6,
 * closed as won't-fix).
 *
 * - Single-dollar inline math (`$x^2$`) stays on, since notes on papers are full of it, but under
 *   Pandoc's rule: the opening `$` is followed by a non-space, the closing `$` is preceded by a
 *   non-space and not followed by a digit. So "costs $5 and $10" and "$20,000 and $30,000" stay
 *   prose (remark-math alone would typeset "5 and " as math and eat both dollar signs), while
 *   `$x$`, `$O(n^2)$.` and `$4 + xy$` are math. A span that fails the rule is not math at all; the
 *   `$` becomes text and Markdown around it (emphasis, links) still parses. `\$` is a literal `$`.
 * - `$$…$$` alone on a line is display math, as on GitHub (remark-math reads it as inline math and
 *   only a `$$` fence on its own line as display).
 */
import type { Paragraph, Parent, Root } from 'mdast';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import remarkMath from 'remark-math';

/** The part of unified's Processor used here (see micromarkExtensions below for why not its type). */
interface Processor {
  data(): unknown;
}

const DOLLAR = 36;

export function remarkNoteMath(this: Processor) {
  remarkMath.call(this, { singleDollarTextMath: true });
  // remark-parse declares micromarkExtensions on unified's Data, but for its own copy of unified
  // (this project also holds unified 10 for the BibTeX parser), so the type is stated here.
  const extensions = (this.data() as { micromarkExtensions?: Extension[] }).micromarkExtensions ?? [];
  const index = extensions.findIndex((extension) => isMathText(extension.text?.[DOLLAR]));
  // A remark-math release that registers its syntax differently must fail the tests, not quietly
  // bring back currency-as-math.
  if (index === -1) throw new Error('remarkNoteMath: remark-math registered no inline math construct');
  const math = extensions[index] as Extension;
  extensions[index] = { ...math, text: { ...math.text, [DOLLAR]: pandocDollarRule(math.text?.[DOLLAR] as Construct) } };
  return (tree: Root, file: { value: unknown }) => displayLoneDoubleDollars(tree, String(file.value));
}

function isMathText(construct: Construct | Construct[] | undefined): construct is Construct {
  return !Array.isArray(construct) && construct?.name === 'mathText';
}

/** The same construct, refusing single-dollar spans that break Pandoc's rule (see the top). */
function pandocDollarRule(mathText: Construct): Construct {
  return {
    ...mathText,
    tokenize(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
      const codes: Code[] = [];
      const tracked: Effects = {
        ...effects,
        consume(code) {
          codes.push(code);
          effects.consume(code);
        },
      };
      const guardedOk: State = (after) => (followsPandocRule(codes, after) ? ok(after) : nok(after));
      return mathText.tokenize.call(this, tracked, guardedOk, nok);
    },
  };
}

/** `codes` is the whole span, both dollar sequences included; `after` is the character after it. */
function followsPandocRule(codes: Code[], after: Code): boolean {
  let open = 0;
  while (codes[open] === DOLLAR) open++;
  if (open !== 1) return true; // `$$…$$` inside a line is deliberate, never a price
  const first = codes[1];
  const last = codes[codes.length - 2];
  return !isSpace(first) && !isSpace(last) && !isDigit(after);
}

/** micromark codes: negative ones are tabs, virtual spaces and line endings. */
function isSpace(code: Code | undefined): boolean {
  return code === undefined || code === null || code < 0 || code === 32;
}

function isDigit(code: Code): boolean {
  return code !== null && code >= 48 && code <= 57;
}

/**
 * The lone formula keeps its paragraph and is only marked for display, with the class remark-math
 * gives `$$` fences (`math-display`), which rehypeNoteKatex reads.
 */
function displayLoneDoubleDollars(tree: Parent, source: string): void {
  for (const child of tree.children) {
    const math = child.type === 'paragraph' ? loneDoubleDollarMath(child, source) : undefined;
    if (math) math.data = { ...math.data, hProperties: { className: ['language-math', 'math-display'] } };
    else if ('children' in child) displayLoneDoubleDollars(child, source);
  }
}

function loneDoubleDollarMath(paragraph: Paragraph, source: string) {
  const [only] = paragraph.children;
  if (paragraph.children.length !== 1 || only?.type !== 'inlineMath') return undefined;
  const start = only.position?.start.offset;
  return start !== undefined && source.startsWith('$$', start) ? only : undefined;
}
