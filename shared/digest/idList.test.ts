import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDigest } from './parseDigest';
import { sourceOf } from './test/sourceOf';

const fixture = readFileSync(fileURLToPath(new URL('./fixtures/id-list.txt', import.meta.url)), 'utf8');

describe('plain list of arXiv ids and paper URLs', () => {
  const digest = parseDigest(sourceOf(fixture, 'to-read.txt'));

  it.each([
    [0, '2403.08763', 'arXiv:2403.08763', true, ['https://arxiv.org/abs/2403.08763']],
    [1, '2401.00001', 'Attention Is Still All You Need', false, ['https://arxiv.org/abs/2401.00001']],
    [2, '2312.11805', 'arXiv:2312.11805', true, ['https://arxiv.org/abs/2312.11805']],
    [3, '2402.17764', 'arXiv:2402.17764', true, ['https://arxiv.org/abs/2402.17764']],
    [
      4,
      '2403.05530',
      'Gemini 1.5: Unlocking multimodal understanding',
      false,
      ['https://arxiv.org/abs/2403.05530', 'https://huggingface.co/papers/2403.05530'],
    ],
    [5, 'hep-th/9901001', 'arXiv:hep-th/9901001', true, ['https://arxiv.org/abs/hep-th/9901001']],
  ])('paper %i is %s', (index, arxivId, title, placeholder, links) => {
    const paper = digest.papers[index]!;
    expect(paper.arxivId).toBe(arxivId);
    expect(paper.title).toBe(title);
    expect(paper.titleIsPlaceholder === true).toBe(placeholder);
    expect(paper.links).toEqual(links);
  });

  it('skips comments quietly, and reports junk and repeats by line (not placeholder titles)', () => {
    expect(digest.format).toBe('id-list');
    expect(digest.papers).toHaveLength(6);
    expect(digest.warnings).toEqual([
      'line 8: not an arXiv id or paper URL; skipped',
      'line 9: 2403.08763 is listed again; skipped',
    ]);
  });
});
