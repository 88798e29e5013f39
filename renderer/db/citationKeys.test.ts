import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParsedDigest } from '../../shared/model';
import { writeBibtex } from '../../shared/export/bibtex';
import { paper } from '../test/papers';
import { checkCitationKey, pinCitationKey, pinCitationKeys, pinnedCitationKeys, setCitationKey } from './citationKeys';
import { importDigest } from './importDigest';
import { addTag, setNotes, setStarred } from './paperRepository';
import { ShelfmarkDb } from './ShelfmarkDb';

let db: ShelfmarkDb;

beforeEach(async () => {
  db = new ShelfmarkDb(`keys-${Math.random()}`);
  await db.papers.bulkPut([
    paper({ id: 'arxiv:2403.00001', title: 'Attention Is All You Need', authors: ['Ashish Vaswani'] }),
    paper({ id: 'arxiv:2403.00002', title: 'Attention for graphs', authors: ['Ana Vaswani'] }),
    paper({ id: 'arxiv:2403.00003', title: 'Attention, again', authors: ['Wei Vaswani'] }),
    paper({ id: 'arxiv:2405.00004', title: 'Diffusion models', authors: ['Sašo Džeroski'] }),
    paper({ id: 'title:language modeling', title: 'Language modeling', authors: [], arxivId: null }),
  ]);
  await db.appearances.bulkPut([
    { digestId: 'd1', paperId: 'title:language modeling', digestDate: '2025-11-02', position: 0 },
  ]);
  await db.digests.put({
    id: 'd1',
    fileName: 'digest.txt',
    format: 'hf-daily-text',
    date: '2025-11-02',
    importedAt: 1,
    paperCount: 1,
  });
});

afterEach(async () => {
  await db.delete();
});

describe('pinning', () => {
  it('pins the default key the first time a paper is shown', async () => {
    expect((await db.papers.get('arxiv:2405.00004'))!.citationKey).toBeNull();
    expect(await pinCitationKey(db, 'arxiv:2405.00004')).toBe('dzeroski2024diffusion');
    expect((await db.papers.get('arxiv:2405.00004'))!.citationKey).toBe('dzeroski2024diffusion');
  });

  it('uses the digest year for papers without an arXiv id or a year', async () => {
    expect(await pinCitationKey(db, 'title:language modeling')).toBe('languagemodeling2025');
  });

  it('does not count pinning as touching the paper', async () => {
    const before = (await db.papers.get('arxiv:2405.00004'))!.updatedAt;
    await pinCitationKey(db, 'arxiv:2405.00004');
    expect((await db.papers.get('arxiv:2405.00004'))!.updatedAt).toBe(before);
  });

  it('makes keys unique with a/b/c suffixes, in the order papers are first pinned', async () => {
    expect(await pinCitationKey(db, 'arxiv:2403.00003')).toBe('vaswani2024attention');
    expect(await pinCitationKey(db, 'arxiv:2403.00001')).toBe('vaswani2024attentiona');
    // exported together, the rest follow in id order
    const papers = await pinCitationKeys(db, ['arxiv:2403.00002', 'arxiv:2405.00004']);
    expect(papers.map((p) => p.citationKey)).toEqual(['vaswani2024attentionb', 'dzeroski2024diffusion']);
    expect((await pinnedCitationKeys(db)).sort()).toEqual([
      'dzeroski2024diffusion',
      'vaswani2024attention',
      'vaswani2024attentiona',
      'vaswani2024attentionb',
    ]);
  });

  it('treats keys that differ only in case as taken', async () => {
    await db.papers.update('arxiv:2403.00001', { citationKey: 'Vaswani2024Attention' });
    expect(await pinCitationKey(db, 'arxiv:2403.00002')).toBe('vaswani2024attentiona');
  });

  it('never changes a pinned key: later exports, edits and imports leave it', async () => {
    const key = await pinCitationKey(db, 'arxiv:2403.00002');
    // another paper with the same base pinned later does not move it
    await pinCitationKeys(db, ['arxiv:2403.00001', 'arxiv:2403.00003']);
    await setStarred(db, ['arxiv:2403.00002'], true);
    await addTag(db, ['arxiv:2403.00002'], 'llm');
    await setNotes(db, 'arxiv:2403.00002', 'Read §3');
    await db.papers.update('arxiv:2403.00002', { title: 'A completely different title', authors: ['Zoë Müller'] });
    const digest: ParsedDigest = {
      format: 'bibtex',
      digestDate: '2026-04-01',
      warnings: [],
      papers: [
        {
          title: 'Attention for graphs',
          abstract: 'A longer abstract that the import merges into the library row.',
          authors: ['Ana Vaswani'],
          arxivId: '2403.00002',
          links: [],
          citationKey: 'SomeoneElse2020',
        },
      ],
    };
    await importDigest(db, { digestId: 'bib-1', fileName: 'refs.bib', digest });
    const [exported] = await pinCitationKeys(db, ['arxiv:2403.00002']);
    expect(exported!.citationKey).toBe(key);
    expect(exported!.abstract).toContain('longer abstract');
    expect(writeBibtex([exported!])).toContain(`@misc{${key},`);
  });

  it('keeps the key that came with an imported .bib', async () => {
    const digest: ParsedDigest = {
      format: 'bibtex',
      digestDate: null,
      warnings: [],
      papers: [
        {
          title: 'Scaling laws',
          abstract: '',
          authors: ['Jared Kaplan'],
          arxivId: '2001.08361',
          links: [],
          citationKey: 'kaplan2020scaling',
        },
      ],
    };
    await importDigest(db, { digestId: 'bib-2', fileName: 'refs.bib', digest });
    expect(await pinCitationKey(db, 'arxiv:2001.08361')).toBe('kaplan2020scaling');
  });

  it('returns the papers in the order given and skips unknown ids', async () => {
    const papers = await pinCitationKeys(db, ['arxiv:2405.00004', 'nope', 'title:language modeling']);
    expect(papers.map((p) => p.id)).toEqual(['arxiv:2405.00004', 'title:language modeling']);
    expect(papers[1]!.digestDates).toEqual(['2025-11-02']);
  });
});

describe('editing a key', () => {
  it('sets a valid key, trimmed, and stamps the paper as touched', async () => {
    expect(await setCitationKey(db, 'arxiv:2403.00001', '  vaswani2017  ', 9_000)).toEqual({
      ok: true,
      key: 'vaswani2017',
    });
    expect(await db.papers.get('arxiv:2403.00001')).toMatchObject({ citationKey: 'vaswani2017', updatedAt: 9_000 });
  });

  it.each([
    ['', 'cannot be empty'],
    ['has space', '"space" is not allowed'],
    ['brace{', '"{" is not allowed'],
    ['x'.repeat(101), 'at most 100 characters'],
  ])('refuses %j with a reason', async (input, reason) => {
    const result = await setCitationKey(db, 'arxiv:2403.00001', input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
    expect((await db.papers.get('arxiv:2403.00001'))!.citationKey).toBeNull();
  });

  it('refuses a key another paper uses, in any case, but accepts the paper its own key', async () => {
    await pinCitationKey(db, 'arxiv:2405.00004');
    const taken = await setCitationKey(db, 'arxiv:2403.00001', 'DZEROSKI2024diffusion');
    expect(taken).toEqual({ ok: false, reason: 'Another paper already uses the key "dzeroski2024diffusion".' });
    expect(await checkCitationKey(db, 'arxiv:2405.00004', 'Dzeroski2024Diffusion')).toEqual({
      ok: true,
      key: 'Dzeroski2024Diffusion',
    });
  });

  it('an edited key then blocks the default formula of other papers', async () => {
    await setCitationKey(db, 'arxiv:2405.00004', 'vaswani2024attention');
    expect(await pinCitationKey(db, 'arxiv:2403.00001')).toBe('vaswani2024attentiona');
  });
});
