import { LinkifyIt } from 'linkify-it';

// linkify-it knows where a URL ends (a sentence's final "." or a closing ")" that opened
// outside the URL is not part of it), which a hand-written regex gets wrong. Fuzzy links
// are off: abstracts are full of "model.py" and "Node.js", which are not links.
const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

/** Every http(s) URL in the text, in order, without duplicates. */
export function extractLinks(text: string): string[] {
  const found = linkify.match(text) ?? [];
  const links: string[] = [];
  for (const match of found) {
    const url = match.url;
    if (!isHttpUrl(url)) continue;
    if (!links.includes(url)) links.push(url);
  }
  return links;
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
