import { describe, expect, it } from 'vitest';
import { extractLinks, isHttpUrl } from './extractLinks';

describe('extractLinks', () => {
  it.each([
    ['Code at https://github.com/a/b.', ['https://github.com/a/b']],
    ['(see https://github.com/divelab/AIRS).', ['https://github.com/divelab/AIRS']],
    ['at https://github.com/x/y.git.', ['https://github.com/x/y.git']],
    ['page https://sled-group.github.io/InfEdit/ and more', ['https://sled-group.github.io/InfEdit/']],
    ['two: http://a.org/x, https://b.org/y!', ['http://a.org/x', 'https://b.org/y']],
    ['repeat https://a.org/x and https://a.org/x.', ['https://a.org/x']],
    ['no scheme github.com/a/b or model.py or Node.js', []],
    ['javascript:alert(1) and ftp://files.example.org/x', []],
  ])('%j', (text, expected) => {
    expect(extractLinks(text)).toEqual(expected);
  });
});

describe('isHttpUrl', () => {
  it.each([
    ['https://arxiv.org/abs/2401.00001', true],
    ['http://example.org', true],
    ['javascript:alert(1)', false],
    ['file:///etc/passwd', false],
    ['data:text/html,<script>', false],
    ['//evil.example', false],
    ['not a url', false],
  ])('%s → %s', (value, expected) => {
    expect(isHttpUrl(value)).toBe(expected);
  });
});
