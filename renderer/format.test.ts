import { describe, expect, it } from 'vitest';
import { firstLine, snippetAround } from './format';

describe('snippetAround', () => {
  const text = `${'Early words of the abstract that say nothing in particular, '.repeat(3)}then the matched term appears.`;

  it('keeps the first line when the match is near the start or there is none', () => {
    expect(snippetAround(text, 5)).toBe(firstLine(text));
    expect(snippetAround(text, -1)).toBe(firstLine(text));
  });

  it('starts at a word boundary shortly before a later match, marked with an ellipsis', () => {
    const at = text.indexOf('matched');
    const snippet = snippetAround(text, at);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('then the matched term appears.');
    // whole words only, and the match within the first 41 characters of the snippet
    expect(text).toContain(snippet.slice(1));
    expect(snippet.indexOf('matched')).toBeLessThanOrEqual(41);
    expect(text[text.indexOf(snippet.slice(1)) - 1]).toBe(' ');
  });

  it('reaches a match on a later line of the abstract', () => {
    const multi = `First line.\n${'filler '.repeat(20)}\nthe target word`;
    expect(snippetAround(multi, multi.indexOf('target'))).toContain('target word');
  });
});
