// XML reading shared by the arXiv RSS and Atom parsers, through fast-xml-parser: a maintained,
// dependency-light parser that runs without a DOM (Node, renderer, Web Worker alike) and caps
// entity expansion, so a "billion laughs" file cannot blow up memory.

import { XMLParser } from 'fast-xml-parser';
import { DigestError } from './source';
import { linesAtOffsets } from './lines';

/** Elements that may repeat and so are always read as arrays, whatever their count. */
const REPEATED = new Set(['item', 'entry', 'category', 'author', 'link', 'dc:creator']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  // Keep every value a string: ids like 2401.10000 must not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: {
    enabled: true,
    maxEntitySize: 1000,
    maxTotalExpansions: 10000,
    maxExpandedLength: 1_000_000,
    maxEntityCount: 50,
  },
  isArray: (name) => REPEATED.has(name),
});

export type XmlNode = Record<string, unknown>;

/** Parses XML into plain objects; a malformed document is a DigestError naming the file. */
export function parseXml(text: string, fileName: string): XmlNode {
  try {
    return parser.parse(text) as XmlNode;
  } catch (error) {
    throw new DigestError(
      fileName,
      `is not well-formed XML (${error instanceof Error ? error.message : 'parse error'})`,
    );
  }
}

/** The name of the document's root element, read from the first tag that is not a declaration. */
export function xmlRootName(text: string): string | null {
  const head = text.slice(0, 4096);
  const match =
    /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<([A-Za-z_][\w.:-]*)[\s>/]/.exec(
      head.replace(/^\uFEFF/, ''),
    );
  return match ? match[1]! : null;
}

/** The text of an element (plain string, or `#text` of an element that has attributes). */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  if (value && typeof value === 'object') return textOf((value as XmlNode)['#text'] ?? '');
  return '';
}

export function arrayOf(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

export function attribute(value: unknown, name: string): string | null {
  if (!value || typeof value !== 'object') return null;
  const attr = (value as XmlNode)[`@_${name}`];
  return typeof attr === 'string' ? attr : null;
}

/** Line numbers of each `<tag` opening in order, to name skipped items in warnings. */
export function elementLines(text: string, tag: string): number[] {
  const offsets: number[] = [];
  const re = new RegExp(`<${tag}[\\s>]`, 'g');
  for (let match = re.exec(text); match; match = re.exec(text)) offsets.push(match.index);
  return linesAtOffsets(text, offsets);
}

/** White space runs (feeds wrap titles and abstracts) collapsed to single spaces. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
