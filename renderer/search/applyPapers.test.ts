import { describe, expect, it } from 'vitest';
import type { Paper } from '../../shared/model';
import { applyPapers, BULK_BATCH } from './applyPapers';
import { SearchIndex } from './SearchIndex';

function paper(i: number): Paper {
  return {
    id: `p${i}`,
    title: `Paper ${i} on ${i % 2 ? 'retrieval' : 'diffusion'} word${i}`,
    titleKey: `paper ${i}`,
    abstract: `Abstract ${i} about ${i % 3 ? 'graphs' : 'speech'} and token${i}.`,
    authors: [`Author ${i % 7}`],
    arxivId: null,
    doi: null,
    links: [],
    status: 'unread',
    starred: 0,
    notes: '',
    tags: [],
    citationKey: null,
    readAt: null,
    addedAt: i,
    updatedAt: i,
    lastDigestDate: '2026-03-13',
    listOrder: `2026-03-13~${String(i).padStart(6, '0')}`,
  };
}

function found(index: SearchIndex, query: string): string[] {
  return [...index.search(query).slots].map((slot) => index.slotId(slot)!);
}

describe('applyPapers', () => {
  it('a large batch into a built index finds what one-by-one upserts find', () => {
    const first = Array.from({ length: 50 }, (_, i) => paper(i));
    const batch = Array.from({ length: BULK_BATCH + 50 }, (_, i) => paper(i + 25));
    const bulk = new SearchIndex();
    const single = new SearchIndex();
    for (const index of [bulk, single]) {
      applyPapers(
        index,
        first.map((p) => p.id),
        first,
        new Map(),
      );
      index.warmPrefixes(1);
      expect(found(index, 'r').length).toBeGreaterThan(0); // a cached prefix union to keep up to date
    }
    applyPapers(
      bulk,
      batch.map((p) => p.id),
      batch,
      new Map(),
    );
    for (const p of batch) applyPapers(single, [p.id], [p], new Map());
    expect(bulk.size).toBe(single.size);
    for (const query of ['r', 'retrieval', 'diffusion gra', 'word3', 'token57', 'author 3', 'sp']) {
      expect(new Set(found(bulk, query)), query).toEqual(new Set(found(single, query)));
    }
    expect(bulk.inBulkLoad).toBe(false);
  });

  it('removes ids whose paper is gone', () => {
    const index = new SearchIndex();
    applyPapers(index, ['p1', 'p2'], [paper(1), paper(2)], new Map());
    applyPapers(index, ['p1'], [undefined], new Map());
    expect(found(index, 'paper')).toEqual(['p2']);
  });
});
