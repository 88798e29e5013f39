import { describe, expect, it } from 'vitest';
import { arxivIdFromAny, arxivIdFromUrl, parseArxivId } from './arxivId';

describe('arXiv ids', () => {
  it.each([
    ['2403.08763', '2403.08763'],
    ['2403.08763v2', '2403.08763'],
    ['arXiv:2401.00001v12', '2401.00001'],
    ['ARXIV:0704.0001', '0704.0001'],
    ['oai:arXiv.org:2403.08763v1', '2403.08763'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['math.GT/0309136', 'math.GT/0309136'],
    ['2403.1', null],
    ['12345', null],
    ['arXiv:', null],
  ])('parseArxivId(%j) = %j', (value, expected) => {
    expect(parseArxivId(value)).toBe(expected);
  });

  it.each([
    ['https://arxiv.org/abs/2403.08763v2', '2403.08763'],
    ['http://export.arxiv.org/abs/2403.08763', '2403.08763'],
    ['https://arxiv.org/pdf/2402.17764v1.pdf', '2402.17764'],
    ['https://arxiv.org/abs/hep-th/9901001', 'hep-th/9901001'],
    ['https://huggingface.co/papers/2403.05530', '2403.05530'],
    ['https://huggingface.co/datasets/2403.05530', null],
    ['https://evil.example/abs/2403.08763', null],
    ['javascript:alert(1)', null],
  ])('arxivIdFromUrl(%j) = %j', (value, expected) => {
    expect(arxivIdFromUrl(value)).toBe(expected);
    expect(arxivIdFromAny(value)).toBe(expected);
  });
});
