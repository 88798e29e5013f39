/**
 * Typesets the math that remarkNoteMath marks (`code.math-inline`, `code.math-display`, and
 * ```` ```math ```` fences) with KaTeX, as a hast tree that react-markdown turns into React
 * elements. It does what rehype-katex 7 does, with one difference that matters under the app's
 * CSP: KaTeX's HTML is parsed with parse5 (hast-util-from-html), never by the browser.
 * rehype-katex's browser build parses it with `template.innerHTML`, and the browser checks every
 * `style="…"` KaTeX emits against `style-src 'self'` as it parses: a CSP violation report and a
 * console error per styled span, dozens per formula, on every keystroke in the notes editor.
 * Parsed here, the styles stay strings in the tree until React sets them through the CSSOM,
 * which the CSP allows.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import katex, { type KatexOptions } from 'katex';

// The theme's error colour (KaTeX's fixed #cc0000 is hard to read on the dark theme), set through
// the CSSOM like KaTeX's other styles; KaTeX's own red where the variable is missing.
const ERROR_COLOR = 'var(--danger, #cc0000)';

/**
 * Formulas are untrusted text like the rest of the note. trust: false (KaTeX's default, stated
 * here so it stays) renders \href, \url, \includegraphics and \htmlClass/\htmlStyle/... as their
 * name in the error colour: no link, no image, no class or style of the author's choosing.
 * throwOnError: false shows a formula KaTeX cannot parse as its source in the error colour.
 * strict: 'ignore' keeps LaTeX-compatibility warnings out of the console. maxSize caps \rule and
 * spacing sizes (in em) so a note cannot draw a box wider than the window.
 */
const OPTIONS: KatexOptions = {
  trust: false,
  throwOnError: false,
  strict: 'ignore',
  errorColor: ERROR_COLOR,
  maxSize: 20,
};

export function rehypeNoteKatex() {
  return (tree: Root) => typeset(tree);
}

function typeset(parent: Root | Element): void {
  parent.children = parent.children.flatMap((child): RootContent[] => {
    if (child.type !== 'element') return [child];
    const math = mathIn(child);
    if (!math) {
      typeset(child);
      return [child];
    }
    return render(textOf(math.code), math.display);
  }) as typeof parent.children;
}

/** The code element holding a formula, and whether it is display math; a ```math fence's `pre` counts. */
function mathIn(element: Element): { code: Element; display: boolean } | undefined {
  const [only] = element.children;
  if (element.tagName === 'pre' && element.children.length === 1 && only?.type === 'element') {
    const isMath = only.tagName === 'code' && classesOf(only).includes('language-math');
    return isMath ? { code: only, display: true } : undefined;
  }
  if (element.tagName !== 'code') return undefined;
  const classes = classesOf(element);
  if (classes.includes('math-inline')) return { code: element, display: false };
  if (classes.includes('math-display') || classes.includes('language-math')) return { code: element, display: true };
  return undefined;
}

function classesOf(element: Element): unknown[] {
  const className = element.properties.className;
  return Array.isArray(className) ? className : [];
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

function render(tex: string, displayMode: boolean): ElementContent[] {
  try {
    const html = katex.renderToString(tex, { ...OPTIONS, displayMode });
    return fromHtml(html, { fragment: true }).children as ElementContent[];
  } catch (error) {
    // throwOnError: false covers KaTeX's parse errors; anything else (a KaTeX bug) looks the same
    return [
      {
        type: 'element',
        tagName: 'span',
        properties: { className: ['katex-error'], style: `color:${ERROR_COLOR}`, title: String(error) },
        children: [{ type: 'text', value: tex }],
      },
    ];
  }
}
