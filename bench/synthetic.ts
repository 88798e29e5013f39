// Deterministic synthetic library for benchmarks: the same seed gives the same papers.
// 84-character titles, ~1,200-character abstracts, 1–6 authors (some with diacritics),
// notes on 10% of papers, tags on 20%, arXiv ids on 60%.

import type { ParsedPaper, Paper } from '../shared/model';
import { titleKey } from '../shared/text/titleKey';

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'learning model language neural network transformer attention diffusion graph retrieval generation ' +
  'reasoning vision multimodal benchmark efficient scalable sparse dense training inference robust ' +
  'adaptive contrastive supervised agent planning policy reward alignment instruction token context ' +
  'memory parallel distributed quantization pruning distillation embedding latent representation ' +
  'segmentation detection tracking video audio speech protein molecule physics simulation control ' +
  'optimization gradient stochastic bayesian causal temporal spatial hierarchical recurrent spiking ' +
  'neuromorphic federated privacy fairness evaluation dataset corpus synthetic zero shot few long'
).split(/\s+/);
const GIVEN = [
  'Ana',
  'José',
  'Zoë',
  'Sašo',
  'Jürgen',
  'Wei',
  'Priya',
  'Olúwaseun',
  'Łukasz',
  'Chloé',
  'Mehmet',
  'Yuki',
];
const FAMILY = ['Araújo', 'Džeroski', 'Müller', 'Zhang', 'Patel', 'Nováková', 'Østergaard', 'Kim', 'García', 'Smith'];
const TAGS = ['to-read', 'llm', 'vision', 'rl', 'theory', 'survey', 'systems', 'favorite'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function text(random: () => number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const word = pick(random, WORDS);
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(' ').slice(0, length);
}

export interface SyntheticPaper extends ParsedPaper {
  notes: string;
  tags: string[];
}

export function syntheticPapers(count: number, seed = 42): SyntheticPaper[] {
  const random = seededRandom(seed);
  const papers: SyntheticPaper[] = [];
  for (let i = 0; i < count; i++) {
    const title = `${text(random, 76)} #${String(i).padStart(6, '0')}`.slice(0, 84);
    const abstract = `${text(random, 1180)}. Code: https://github.com/lab${i % 97}/repo${i}.`;
    const authorCount = 1 + Math.floor(random() * 6);
    const authors = Array.from({ length: authorCount }, () => `${pick(random, GIVEN)} ${pick(random, FAMILY)}`);
    const hasId = random() < 0.6;
    const arxivId = hasId ? `${2300 + Math.floor(i / 99999)}.${String(i % 99999).padStart(5, '0')}` : null;
    papers.push({
      title,
      abstract,
      authors,
      arxivId,
      links: [`https://github.com/lab${i % 97}/repo${i}`],
      notes: random() < 0.1 ? `My note on paper ${i}: ${text(random, 300)}` : '',
      tags: random() < 0.2 ? [pick(random, TAGS)] : [],
    });
  }
  return papers;
}

/** Library rows for direct database benchmarks (the shape importDigest writes). */
export function syntheticLibraryRows(count: number, seed = 42, now = Date.UTC(2026, 2, 13)): Paper[] {
  return syntheticPapers(count, seed).map((p, i) => {
    const key = titleKey(p.title);
    const date = `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    return {
      id: p.arxivId ? `arxiv:${p.arxivId}` : `title:${key}`,
      title: p.title,
      titleKey: key,
      abstract: p.abstract,
      authors: p.authors,
      arxivId: p.arxivId,
      doi: null,
      links: p.links,
      status: 'unread',
      starred: 0,
      notes: p.notes,
      tags: p.tags,
      citationKey: null,
      readAt: null,
      addedAt: now,
      updatedAt: now,
      lastDigestDate: date,
      listOrder: `${date}~${String(i).padStart(8, '0')}`,
    };
  });
}

/** The HF Daily Papers text layout of these papers (for parse benchmarks and round trips). */
export function toHfDailyText(papers: readonly ParsedPaper[], dateLine = 'Mar 13'): string {
  const out = ['Daily Papers', '', 'by AK and the research community', '', dateLine, ''];
  for (const p of papers) out.push(p.title, '', p.abstract, '');
  return out.join('\n');
}
