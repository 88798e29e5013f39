import { describe, expect, it } from 'vitest';
import { linkSegments } from './linkSegments';

describe('linkSegments', () => {
  it('splits links out of text, leaving trailing punctuation as text', () => {
    expect(linkSegments('Code: https://github.com/a/b. Data at https://x.org/d, too.')).toEqual([
      { kind: 'text', text: 'Code: ' },
      { kind: 'link', text: 'https://github.com/a/b', url: 'https://github.com/a/b' },
      { kind: 'text', text: '. Data at ' },
      { kind: 'link', text: 'https://x.org/d', url: 'https://x.org/d' },
      { kind: 'text', text: ', too.' },
    ]);
  });

  it('returns plain text untouched and nothing for empty text', () => {
    expect(linkSegments('no links here')).toEqual([{ kind: 'text', text: 'no links here' }]);
    expect(linkSegments('')).toEqual([]);
  });

  it('never turns a non-http scheme into a link', () => {
    expect(linkSegments('javascript:alert(1)').every((s) => s.kind === 'text')).toBe(true);
  });

  it('rebuilds the original text exactly', () => {
    const text = 'a https://a.org/x b https://a.org/x c (https://b.org/y).';
    expect(
      linkSegments(text)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });
});

describe('linkSegments with overlapping URLs', () => {
  it('keeps a longer URL whole when a shorter one is its prefix', () => {
    const segments = linkSegments('see https://a.org/x and https://a.org/xyz');
    expect(segments.filter((s) => s.kind === 'link').map((s) => s.text)).toEqual([
      'https://a.org/x',
      'https://a.org/xyz',
    ]);
  });
});
