// Entry point for every digest format: detect, then parse.

import type { DigestFormat, ParsedDigest } from '../model';
import { parseHfDailyText } from './hfDailyText';
import { DigestError, type DigestSource } from './source';
import { parseMonthDay } from '../text/digestDate';
import { isHfNoiseLine } from './hfDailyText';

interface FormatEntry {
  format: DigestFormat;
  label: string;
  /** True when the text looks like this format. Order in FORMATS decides ties. */
  detect(text: string): boolean;
  parse(source: DigestSource): ParsedDigest;
}

const FORMATS: FormatEntry[] = [
  {
    format: 'hf-daily-text',
    label: 'Hugging Face Daily Papers text',
    detect: (text) => {
      const lines = text.split(/\r\n|\r|\n/, 400).map((l) => l.trim());
      return lines.some((l) => parseMonthDay(l) !== null) || lines.some((l) => isHfNoiseLine(l) && /ak and/i.test(l));
    },
    parse: parseHfDailyText,
  },
];

/** The format a text is in, or null when none is recognized. */
export function detectFormat(text: string): DigestFormat | null {
  return FORMATS.find((entry) => entry.detect(text))?.format ?? null;
}

/** Labels of every known format, for "no format recognized" messages. */
export function knownFormatLabels(): string[] {
  return FORMATS.map((entry) => entry.label);
}

/** Detects and parses; throws DigestError when the text is in no known format or holds no paper. */
export function parseDigest(source: DigestSource): ParsedDigest {
  if (source.text.trim() === '') throw new DigestError(source.fileName, 'the file is empty');
  const entry = FORMATS.find((candidate) => candidate.detect(source.text));
  if (!entry) {
    throw new DigestError(source.fileName, `no digest format recognized (tried: ${knownFormatLabels().join(', ')})`);
  }
  const digest = entry.parse(source);
  if (digest.papers.length === 0) {
    throw new DigestError(source.fileName, `no papers found in this ${entry.label} file`);
  }
  return digest;
}
