// arXiv identifiers in every spelling digests use: bare, `arXiv:` prefixed, OAI, and abs/pdf/HF URLs.

/** New-style (`2403.08763`, `0704.0001`) or old-style (`hep-th/9901001`, `math.GT/0309136`) id. */
const ID_BODY = String.raw`(\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?`;

const BARE = new RegExp(String.raw`^(?:arxiv:)?${ID_BODY}$`, 'i');
const OAI = new RegExp(String.raw`^oai:arxiv\.org:${ID_BODY}$`, 'i');
const URL_PATH = new RegExp(String.raw`^/(?:abs|pdf|html|format)/${ID_BODY}(?:\.pdf)?/?$`, 'i');
const HF_PATH = new RegExp(String.raw`^/papers/${ID_BODY}/?$`, 'i');

/** The id without version from a bare id, `arXiv:ID` or `oai:arXiv.org:ID`; null otherwise. */
export function parseArxivId(value: string): string | null {
  const text = value.trim();
  const match = BARE.exec(text) ?? OAI.exec(text);
  return match ? canonicalId(match[1]!) : null;
}

/** The id from an arxiv.org abs/pdf URL or a huggingface.co/papers URL; null for any other URL. */
export function arxivIdFromUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase();
  if (host === 'arxiv.org' || host.endsWith('.arxiv.org')) {
    const match = URL_PATH.exec(url.pathname);
    return match ? canonicalId(match[1]!) : null;
  }
  if (host === 'huggingface.co' || host === 'www.huggingface.co') {
    const match = HF_PATH.exec(url.pathname);
    return match ? canonicalId(match[1]!) : null;
  }
  return null;
}

/** Any of the spellings above; null when the value is none of them. */
export function arxivIdFromAny(value: string): string | null {
  return parseArxivId(value) ?? arxivIdFromUrl(value);
}

/** The canonical abstract page of an id. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

function canonicalId(id: string): string {
  // Old-style archive names are lower case (the subject class after the dot is not).
  const slash = id.indexOf('/');
  if (slash < 0) return id;
  const archive = id.slice(0, slash);
  const dot = archive.indexOf('.');
  const name = dot < 0 ? archive.toLowerCase() : archive.slice(0, dot).toLowerCase() + archive.slice(dot);
  return `${name}${id.slice(slash)}`;
}
