import { describe, expect, it } from 'vitest';
import {
  assignCitationKeys,
  citationKeysInOrder,
  defaultCitationKey,
  significantTitleWords,
  validateCitationKey,
} from './citationKey';
import { foldToAscii } from './foldToAscii';
import { makeExportPaper } from './fixtures/makeExportPaper';

describe('defaultCitationKey', () => {
  it.each([
    [['Ashish Vaswani', 'Noam Shazeer'], 'Attention Is All You Need', 2017, 'vaswani2017attention'],
    [['Sašo Džeroski'], 'On the Relational Learning', 2001, 'dzeroski2001relational'],
    [['Jan van der Berg'], 'Towards a Theory of Everything', 2020, 'berg2020theory'],
    [['Müller, Hans-Jürgen'], 'Über die Analyse', 1999, 'muller1999uber'],
    [['Łukasz Straße'], 'The Æsir and Ørsted', 2024, 'strasse2024aesir'],
    [["José Ara\\'ujo"], 'A Study', 2023, 'araujo2023study'],
    [['Plato'], 'Republic', null, 'platorepublic'],
    [['张伟'], 'Reasoning', 2026, 'reasoning2026'],
  ])('%j + %s + %s → %s', (authors, title, year, key) => {
    expect(defaultCitationKey({ authors, title }, year)).toBe(key);
  });

  it('uses the first two significant title words without authors', () => {
    expect(defaultCitationKey({ authors: [], title: 'Language Modeling on a SpiNNaker 2 Chip' }, 2026)).toBe(
      'languagemodeling2026',
    );
    expect(defaultCitationKey({ authors: [''], title: 'On the Use of LLMs' }, 2025)).toBe('usellms2025');
    expect(defaultCitationKey({ authors: [], title: 'Towards Better' }, 2025)).toBe('better2025');
  });

  it('falls back to "paper" when the title has no usable word', () => {
    expect(defaultCitationKey({ authors: [], title: '中文标题' }, 2026)).toBe('paper2026');
    expect(defaultCitationKey({ authors: [], title: '' }, null)).toBe('paper');
  });

  it('skips stop words and bare numbers', () => {
    expect(significantTitleWords('The 2 Towers: On a Theory of It')).toEqual(['towers', 'theory']);
  });

  it('folds a title where a word meets a character folding changes, even after the words it needs', () => {
    // A combining accent right after a word joins the word's letters once dropped.
    expect(significantTitleWords('Deep Cafe\u0301s ﬁne', 2)).toEqual(['deep', 'cafes']);
    expect(significantTitleWords('Deep Learning\u0301x', 2)).toEqual(['deep', 'learningx']);
    expect(significantTitleWords('Deep Learning ﬁne', 2)).toEqual(['deep', 'learning']);
    expect(significantTitleWords('Deep Learning ﬁne')).toEqual(['deep', 'learning', 'fine']);
  });
});

describe('foldToAscii', () => {
  it.each([
    ['Sašo Džeroski', 'Saso Dzeroski'],
    ['Straße', 'Strasse'],
    ['Ørsted', 'Orsted'],
    ['Æsir', 'AEsir'],
    ['Łukasz', 'Lukasz'],
    ['Nguyễn', 'Nguyen'],
    ['ﬁsh', 'fish'],
    ['plain', 'plain'],
  ])('%s → %s', (input, output) => {
    expect(foldToAscii(input)).toBe(output);
  });
});

describe('assignCitationKeys', () => {
  const smith = (id: string, title: string) =>
    makeExportPaper({ id, title, authors: ['Alice Smith'], year: 2020, digestDates: [] });

  it('disambiguates with a, b, c in id order, whatever the input order', () => {
    const papers = [smith('p3', 'Deep C'), smith('p1', 'Deep A'), smith('p2', 'Deep B'), smith('p4', 'Deep D')];
    const keys = assignCitationKeys(papers);
    expect([...keys.entries()].sort()).toEqual([
      ['p1', 'smith2020deep'],
      ['p2', 'smith2020deepa'],
      ['p3', 'smith2020deepb'],
      ['p4', 'smith2020deepc'],
    ]);
    expect(assignCitationKeys([...papers].reverse())).toEqual(keys);
  });

  it('gives a repeated id one key and uses no suffix for the repeat, with or without pinned keys', () => {
    const papers = [smith('p2', 'Deep B'), smith('p1', 'Deep A'), smith('p2', 'Deep Z'), smith('p3', 'Deep C')];
    expect([...assignCitationKeys(papers)]).toEqual([
      ['p2', 'smith2020deepa'],
      ['p1', 'smith2020deep'],
      ['p3', 'smith2020deepb'],
    ]);
    const pinned = { ...smith('p1', 'Deep A'), citationKey: 'Mine' };
    expect([...assignCitationKeys([...papers, pinned])]).toEqual([
      ['p1', 'Mine'],
      ['p2', 'smith2020deep'],
      ['p3', 'smith2020deepa'],
    ]);
  });

  it('lists the keys in the order of the papers, null for a repeated id, with or without pinned keys', () => {
    const papers = [smith('p2', 'Deep B'), smith('p1', 'Deep A'), smith('p2', 'Deep Z'), smith('p3', 'Deep C')];
    expect(citationKeysInOrder(papers)).toEqual(['smith2020deepa', 'smith2020deep', null, 'smith2020deepb']);
    // the pinned paper repeats p1 after its first, unpinned appearance: p1 still takes the pinned key
    const pinned = { ...smith('p1', 'Deep A'), citationKey: 'Mine' };
    expect(citationKeysInOrder([...papers, pinned])).toEqual(['smith2020deep', 'Mine', null, 'smith2020deepa', null]);
    expect(citationKeysInOrder([])).toEqual([]);
  });

  it('goes on past z with aa, ab, …', () => {
    const papers = Array.from({ length: 30 }, (_, i) => smith(`p${String(i).padStart(2, '0')}`, 'Deep'));
    const keys = [...assignCitationKeys(papers).values()];
    expect(new Set(keys).size).toBe(30);
    expect(keys).toContain('smith2020deepz');
    expect(keys).toContain('smith2020deepaa');
    expect(keys).toContain('smith2020deepac');
  });

  it('never changes a pinned key and keeps other keys clear of it', () => {
    const pinned = { ...smith('p9', 'Deep Z'), citationKey: 'smith2020deep' };
    const keys = assignCitationKeys([smith('p1', 'Deep A'), pinned]);
    expect(keys.get('p9')).toBe('smith2020deep');
    expect(keys.get('p1')).toBe('smith2020deepa');
  });

  it('keeps a pinned key even when it is odd or collides', () => {
    const a = { ...smith('p1', 'Deep'), citationKey: 'Mine' };
    const b = { ...smith('p2', 'Deep'), citationKey: 'Mine' };
    const keys = assignCitationKeys([a, b]);
    expect(keys.get('p1')).toBe('Mine');
    expect(keys.get('p2')).toBe('Mine');
  });

  it('avoids taken keys case-insensitively (BibTeX keys are)', () => {
    const keys = assignCitationKeys([smith('p1', 'Deep')], ['SMITH2020DEEP', 'smith2020deepa']);
    expect(keys.get('p1')).toBe('smith2020deepb');
  });

  it('uses the digest year when the paper has no year, and the arXiv month year before it', () => {
    const digest = makeExportPaper({ id: 'x', title: 'Deep', authors: ['Bo Li'], digestDates: ['2026-03-13'] });
    const arxiv = makeExportPaper({ id: 'y', title: 'Wide', authors: ['Bo Li'], arxivId: '2403.08763' });
    const keys = assignCitationKeys([digest, arxiv]);
    expect(keys.get('x')).toBe('li2026deep');
    expect(keys.get('y')).toBe('li2024wide');
  });

  it('is fast and linear even when thousands of papers share one base key', () => {
    const papers = Array.from({ length: 5000 }, (_, i) => smith(`p${i}`, 'Deep'));
    const start = performance.now();
    const keys = assignCitationKeys(papers);
    expect(new Set(keys.values()).size).toBe(5000);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});

describe('validateCitationKey', () => {
  it('accepts BibTeX-safe keys and trims them', () => {
    expect(validateCitationKey('  smith2020:deep-learning_v2.1 ', [])).toEqual({
      ok: true,
      key: 'smith2020:deep-learning_v2.1',
    });
  });

  it.each([[''], ['   '], ['has space'], ['brace{'], ['comma,'], ['quote"'], ['hash#'], ['pct%'], ['tilde~'], ['é']])(
    'refuses %j',
    (key) => {
      expect(validateCitationKey(key, []).ok).toBe(false);
    },
  );

  it('refuses a key another paper uses, in any case', () => {
    const result = validateCitationKey('Smith2020', ['smith2020']);
    expect(result).toEqual({ ok: false, reason: 'Another paper already uses the key "smith2020".' });
  });

  it('refuses keys over 100 characters', () => {
    expect(validateCitationKey('a'.repeat(101), []).ok).toBe(false);
    expect(validateCitationKey('a'.repeat(100), []).ok).toBe(true);
  });
});
