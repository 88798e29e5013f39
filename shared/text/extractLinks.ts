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

/**
 * Every http(s) link in the text with its position, in order.
 *
 * Links never contain white space, so linkify runs only on the white-space-delimited runs
 * around each "://" instead of the whole text: on 1,200-character abstracts that is most of
 * the parse time saved, with the same matches (a property test compares both).
 */
export function findLinkSpans(text: string): LinkSpan[] {
  const spans: LinkSpan[] = [];
  let from = 0;
  while (true) {
    const scheme = text.indexOf('://', from);
    if (scheme < 0) break;
    const start = runStart(text, scheme);
    const end = runEnd(text, scheme + 3);
    for (const match of linkify.match(text.slice(start, end)) ?? []) {
      if (isHttpUrl(match.url)) {
        spans.push({ start: start + match.index, end: start + match.lastIndex, url: match.url });
      }
    }
    from = end;
  }
  return spans;
}

/** Start of the white-space-free run holding `index`. */
function runStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && !isLinkSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

function runEnd(text: string, index: number): number {
  let i = index;
  while (i < text.length && !isLinkSpace(text.charCodeAt(i))) i++;
  return i;
}

/** The characters linkify-it treats as ending a link: ASCII and Unicode white space. */
export function isLinkSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
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
