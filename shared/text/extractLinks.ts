import { LinkifyIt } from 'linkify-it';

// linkify-it knows where a URL ends (a sentence's final "." or a closing ")" that opened
// outside the URL is not part of it), which a hand-written regex gets wrong. Fuzzy links
// are off: abstracts are full of "model.py" and "Node.js", which are not links.
const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

export interface LinkSpan {
  /** Offset of the link's first character in the text. */
  start: number;
  /** Offset just past its last character. */
  end: number;
  url: string;
}

/** Every http(s) link in the text with its position, in order. */
export function findLinkSpans(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  for (const match of linkify.match(text) ?? []) {
    if (isHttpUrl(match.url)) spans.push({ start: match.index, end: match.lastIndex, url: match.url });
  }
  return spans;
}

/** Every http(s) URL in the text, in order, without duplicates. */
export function extractLinks(text: string): string[] {
  return [...new Set(findLinkSpans(text).map((span) => span.url))];
}

/** True only for absolute http: or https: URLs with a host. */
export function isHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}
