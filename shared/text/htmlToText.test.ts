import { describe, expect, it } from 'vitest';
import { htmlToText } from './htmlToText';

describe('htmlToText', () => {
  it('turns blocks into paragraphs and drops head, style, script and tags', () => {
    const html =
      '<html><head><title>T</title><style>p{}</style></head><body><script>x()</script>' +
      '<h3><a href="https://x.org">A &amp; B</a></h3><p>Line one<br>line two &#8212; &eacute;&#x263A;</p></body></html>';
    expect(htmlToText(html)).toBe('A & B\n\nLine one\nline two — &eacute;☺');
  });
});
