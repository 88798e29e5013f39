import { describe, expect, it } from 'vitest';
import { type IndexablePaper, SearchIndex } from './SearchIndex';
import { highlightRanges, normalizeWord, parseQuery } from './tokenize';

function doc(id: string, fields: Partial<IndexablePaper> = {}): IndexablePaper {
  return {
    id,
    title: '',
    titleKey: id,
    abstract: '',
    authors: [],
    notes: '',
    tags: [],
    status: 'unread',
    starred: 0,
    listOrder: `2026-03-13~${id}`,
    addedAt: 0,
    updatedAt: 0,
    digestIds: [],
    ...fields,
  };
}

function ids(
  index: SearchIndex,
  query: string,
  ...rest: Parameters<SearchIndex['search']> extends [string, ...infer R] ? R : never
) {
  return [...index.search(query, ...rest).slots].map((slot) => index.slotId(slot));
}

function library(): SearchIndex {
  const index = new SearchIndex();
  index.upsert(doc('abstract-only', { abstract: 'We study retrieval for question answering with long context.' }));
  index.upsert(doc('title', { title: 'Retrieval Augmented Generation at Scale', abstract: 'A system.' }));
  index.upsert(doc('author', { authors: ['Jürgen Müller'], abstract: 'Spiking networks on chips.', starred: 1 }));
  index.upsert(doc('notes', { notes: 'Compare with the retrieval baseline', status: 'read' }));
  index.upsert(doc('tags', { tags: ['neuromorphic'], abstract: 'Energy efficient inference.', status: 'reading' }));
  return index;
}

describe('query parsing and words', () => {
  it('folds case and diacritics', () => {
    expect(normalizeWord('Müller')).toBe('muller');
    expect(normalizeWord('ZOË')).toBe('zoe');
  });

  it('treats the last word as a prefix only while it is being typed', () => {
    expect(parseQuery('zero sh')).toEqual({ terms: ['zero', 'sh'], lastIsPrefix: true });
    expect(parseQuery('zero shot ')).toEqual({ terms: ['zero', 'shot'], lastIsPrefix: false });
    expect(parseQuery('  ')).toEqual({ terms: [], lastIsPrefix: false });
    expect(parseQuery('a b a')).toEqual({ terms: ['b', 'a'], lastIsPrefix: true });
  });
});

describe('SearchIndex', () => {
  it('finds every field: title, abstract, authors, notes, tags', () => {
    const index = library();
    expect(ids(index, 'retrieval ').sort()).toEqual(['abstract-only', 'notes', 'title']);
    expect(ids(index, 'muller ')).toEqual(['author']);
    expect(ids(index, 'Müller')).toEqual(['author']);
    expect(ids(index, 'neuromorphic ')).toEqual(['tags']);
    expect(ids(index, 'baseline ')).toEqual(['notes']);
  });

  it('ranks a title match above a match in notes or the abstract', () => {
    expect(ids(library(), 'retrieval ')[0]).toBe('title');
  });

  it('matches every word (AND), the last one as a prefix', () => {
    const index = library();
    expect(ids(index, 'retrieval ques')).toEqual(['abstract-only']);
    expect(ids(index, 'retrieval q ')).toEqual([]); // "q" is a whole word once a space follows
    expect(ids(index, 'retr')).toHaveLength(3);
    expect(ids(index, 'qu retrieval')).toEqual([]); // only the last word is a prefix
    expect(ids(index, 'nothing-like-this')).toEqual([]);
  });

  it('combines with the sidebar view', () => {
    const index = library();
    expect(ids(index, 'retrieval', 'read')).toEqual(['notes']);
    expect(ids(index, 'retrieval', 'inbox').sort()).toEqual(['abstract-only', 'title']);
    expect(ids(index, 'spiking', 'starred')).toEqual(['author']);
    expect(ids(index, 'energy', 'tag:neuromorphic')).toEqual(['tags']);
    index.upsert(doc('in-digest', { abstract: 'retrieval', digestIds: ['d9'] }));
    expect(ids(index, 'retrieval', 'digest:d9')).toEqual(['in-digest']);
  });

  it('orders results by a sort instead of relevance when asked', () => {
    const index = new SearchIndex();
    index.upsert(doc('b', { title: 'graph b', titleKey: 'b', addedAt: 3, updatedAt: 1, listOrder: '2026-01-02' }));
    index.upsert(doc('a', { title: 'graph a', titleKey: 'a', addedAt: 1, updatedAt: 3, listOrder: '2026-01-03' }));
    index.upsert(doc('c', { title: 'graph c', titleKey: 'c', addedAt: 2, updatedAt: 2, listOrder: '2026-01-01' }));
    expect(ids(index, 'graph', 'all', 'title')).toEqual(['a', 'b', 'c']);
    expect(ids(index, 'graph', 'all', 'added')).toEqual(['b', 'c', 'a']);
    expect(ids(index, 'graph', 'all', 'touched')).toEqual(['a', 'c', 'b']);
    expect(ids(index, 'graph', 'all', 'digestDate')).toEqual(['a', 'b', 'c']);
    // the orders stay right after an edit moves a paper
    index.upsert(doc('c', { title: 'graph c', titleKey: 'c', addedAt: 2, updatedAt: 9, listOrder: '2026-01-01' }));
    expect(ids(index, 'graph', 'all', 'touched')).toEqual(['c', 'a', 'b']);
    expect(ids(index, 'graph', 'all', 'title')).toEqual(['a', 'b', 'c']);
  });

  it('follows edits and deletes', () => {
    const index = library();
    index.upsert(doc('notes', { notes: 'Now about diffusion instead' }));
    expect(ids(index, 'baseline')).toEqual([]);
    expect(ids(index, 'diffusion')).toEqual(['notes']);
    index.upsert(doc('title', { title: 'Retrieval Augmented Generation at Scale', tags: ['rag'] }));
    expect(ids(index, 'rag')).toEqual(['title']);
    index.remove('author');
    expect(ids(index, 'muller')).toEqual([]);
    expect(index.size).toBe(4);
  });

  it('keeps prefix unions of short prefixes up to date', () => {
    const index = new SearchIndex();
    index.beginBulkLoad();
    for (let i = 0; i < 500; i++) index.upsert(doc(`p${i}`, { title: `report repo${i}` }));
    index.finishBulkLoad();
    expect(index.warmPrefixes()).toBeGreaterThan(0); // "r", "re", "rep", "repo" stand for 500 words
    expect(ids(index, 'rep')).toHaveLength(500);
    index.upsert(doc('new', { title: 'repository' }));
    expect(ids(index, 'rep')).toHaveLength(501);
    index.remove('p0');
    expect(ids(index, 'repo')).toHaveLength(500);
    expect(ids(index, 'repo1 ')).toEqual(['p1']);
  });

  it('answers while a bulk load is running and compacts dead slots', () => {
    const index = new SearchIndex();
    index.beginBulkLoad();
    for (let i = 0; i < 3_000; i++) index.upsert(doc(`p${i}`, { abstract: `alpha w${i}` }));
    expect(ids(index, 'w2999')).toEqual(['p2999']);
    for (let i = 0; i < 2_500; i++) index.upsert(doc(`p${i}`, { abstract: `beta w${i}` }));
    index.finishBulkLoad();
    expect(index.wantsCompaction).toBe(true);
    index.compact();
    expect(index.slotCount).toBe(3_000);
    expect(ids(index, 'beta')).toHaveLength(2_500);
    expect(ids(index, 'alpha')).toHaveLength(500);
    expect(ids(index, 'w7 ')).toEqual(['p7']);
  });
});

describe('highlightRanges', () => {
  it('marks whole words, and words starting with the prefix being typed', () => {
    const text = 'Retrieval-augmented retrievers: RETRIEVAL at scale';
    expect(highlightRanges(text, parseQuery('retrieval '))).toEqual([
      [0, 9],
      [32, 41],
    ]);
    expect(highlightRanges(text, parseQuery('retriev'))).toEqual([
      [0, 9],
      [20, 30],
      [32, 41],
    ]);
  });

  it('maps folded words back to the original text', () => {
    const text = 'Jürgen Müller and Zoë';
    const ranges = highlightRanges(text, parseQuery('muller zoe'));
    expect(ranges.map(([s, e]) => text.slice(s, e))).toEqual(['Müller', 'Zoë']);
  });

  it('marks nothing for an empty query', () => {
    expect(highlightRanges('text', parseQuery(''))).toEqual([]);
  });
});
