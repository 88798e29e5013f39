import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarkdownPreview, safeUrl } from './MarkdownPreview';

// Rendered to a string in Node, through the same plugins as in the app; e2e/specs/reading.spec.ts
// checks the result in Chromium under the app's CSP (fonts, styles, colours).
function render(source: string): string {
  return renderToStaticMarkup(<MarkdownPreview source={source} />);
}

function count(html: string, pattern: RegExp): number {
  return html.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

/** KaTeX keeps each formula's source as text in a MathML annotation (for screen readers and copy). */
const TEX_SOURCE = /<annotation encoding="application\/x-tex">[^<]*<\/annotation>/g;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('MarkdownPreview math', () => {
  it('renders $inline$ math with KaTeX, in its paragraph', () => {
    const html = render('Attention is $O(n^2)$ in the sequence length.');
    expect(count(html, /class="katex"/)).toBe(1);
    expect(html).not.toContain('katex-display');
    expect(html).toMatch(/^<div class="markdown" data-testid="notes-preview"><p>Attention is <span class="katex">/);
    expect(html).toContain('<annotation encoding="application/x-tex">O(n^2)</annotation>');
    // KaTeX's inline styles reached React as style objects (a string would make React throw)
    expect(html).toMatch(/<span class="strut" style="height:[\d.]+em/);
  });

  it('renders a $$ fence, $$…$$ alone on a line and a ```math fence as display math', () => {
    for (const source of [
      '$$\n\\sum_{i=1}^n x_i\n$$',
      '$$\\sum_{i=1}^n x_i$$',
      'Loss:\n\n$$\\sum_{i=1}^n x_i$$\n\nthen',
      '```math\n\\sum_{i=1}^n x_i\n```',
    ]) {
      const html = render(source);
      expect(count(html, /class="katex-display"/), source).toBe(1);
      expect(html, source).toMatch(/>\\sum_\{i=1\}\^n x_i\n?<\/annotation>/);
    }
  });

  it('keeps $$…$$ inside a sentence inline', () => {
    const html = render('a $$x$$ b');
    expect(count(html, /class="katex"/)).toBe(1);
    expect(html).not.toContain('katex-display');
  });

  it('shows a formula KaTeX cannot parse as its source, without throwing or logging', () => {
    const warn = vi.spyOn(console, 'warn');
    const error = vi.spyOn(console, 'error');
    const html = render('before $\\frac{1}{$ after and $\\unknownmacro{x}$ and $é$');
    expect(html).toContain('<p>before <span class="katex-error"');
    expect(html).toContain('>\\frac{1}{</span>');
    expect(html).toContain('style="color:var(--danger, #cc0000)"');
    expect(html).toContain(' after');
    // strict: 'ignore': no "LaTeX-incompatible input" warning for the accented letter
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('never makes a link, an image or author styling from \\href, \\url, \\includegraphics or \\html…', () => {
    const html = render(
      [
        '$\\href{javascript:alert(1)}{x}$',
        '$\\url{javascript:alert(2)}$',
        '$\\includegraphics{https://example.org/track.png}$',
        '$\\htmlStyle{background:url(https://example.org/t.png)}{x}$',
        '$\\htmlClass{app-overlay}{x}$ $\\htmlId{notes-input}{x}$ $\\htmlData{foo=bar}{x}$',
      ].join('\n\n'),
    );
    expect(count(html, /class="katex"/)).toBe(7);
    expect(html).not.toMatch(/<(a|img|image|svg:image)[\s>]/);
    expect(html).not.toMatch(/\s(href|src|xlink:href|data-foo|id)=/);
    expect(html).not.toMatch(/app-overlay"|class="[^"]*app-overlay/);
    // the formula's source survives only as the annotation text; nowhere else, in no attribute
    expect(html.replace(TEX_SOURCE, '')).not.toMatch(/javascript:|example\.org|background/);
    expect(html).toContain('<annotation encoding="application/x-tex">\\href{javascript:alert(1)}{x}</annotation>');
  });

  it('caps author-given sizes, so a formula cannot draw a box wider than the window', () => {
    const html = render('$\\rule{100000em}{100000em}$');
    expect(html).toContain('border-right-width:20em');
    expect(html.replace(TEX_SOURCE, '')).not.toContain('100000');
  });

  it('leaves dollar amounts in prose alone (Pandoc rule) and still finds math beside them', () => {
    const prose = render('It costs $5 and $10, or $20,000 and $30,000 at scale.');
    expect(prose).not.toContain('katex');
    expect(prose).toContain('It costs $5 and $10, or $20,000 and $30,000 at scale.');

    const mixed = render('Training cost $500 where $x$ is the batch, vs $1,000 for $O(n^2)$.');
    expect(count(mixed, /class="katex"/)).toBe(2);
    expect(mixed).toContain('Training cost $500 where <span class="katex">');
    expect(mixed).toContain('</span> is the batch, vs $1,000 for <span class="katex">');

    // Markdown between two prices still parses (the failed span is text, not swallowed)
    const emphasis = render('Solar at $61 per MWh, *cheaper* than gas at $76/MWh.');
    expect(emphasis).toContain('<p>Solar at $61 per MWh, <em>cheaper</em> than gas at $76/MWh.</p>');

    // math that starts with a digit, or ends the sentence, is still math; \$ is a literal dollar
    expect(count(render('$4 + xy$.'), /class="katex"/)).toBe(1);
    expect(render('\\$x$ and \\$y$')).not.toContain('katex');
  });

  it('keeps skipping raw HTML and sending links and images through the same rules', () => {
    const html = render(
      '$x$ <b>raw</b> <img src=x onerror=alert(1)> [bad](javascript:alert(1)) [ok](https://example.org/a) ![pic](https://example.org/p.png)',
    );
    expect(count(html, /class="katex"/)).toBe(1);
    expect(html).not.toMatch(/<b>|<img|onerror/);
    expect(html).toContain('<span>bad</span>');
    expect(count(html, /<a /)).toBe(1);
    expect(html).toContain('href="https://example.org/a"');
    expect(html).toContain('<span class="md-image">[pic]</span>');
  });
});

describe('safeUrl', () => {
  it('keeps http(s) and drops everything else', () => {
    expect(safeUrl('https://arxiv.org/abs/2401.00001')).toBe('https://arxiv.org/abs/2401.00001');
    expect(safeUrl('javascript:alert(1)')).toBe('');
    expect(safeUrl('data:text/html,x')).toBe('');
    expect(safeUrl('not a url')).toBe('');
  });
});
