import { findLinkSpans } from './extractLinks';

export type TextSegment = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string };

/** Splits text into plain runs and http(s) links so a UI can render links without HTML. */
export function linkSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const span of findLinkSpans(text)) {
    if (span.start > cursor) segments.push({ kind: 'text', text: text.slice(cursor, span.start) });
    segments.push({ kind: 'link', text: text.slice(span.start, span.end), url: span.url });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ kind: 'text', text: text.slice(cursor) });
  return segments;
}
