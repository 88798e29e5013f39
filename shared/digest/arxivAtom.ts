// Parser for arXiv Atom: the export API's query results (<entry><id>http://arxiv.org/abs/ID</id>,
// <author><name>, <category term>) and the listing feeds' Atom variant (<id>oai:arXiv.org:ID</id>,
// <dc:creator>, <arxiv:announce_type>).

import type { ParsedDigest, ParsedPaper } from '../model';
import { extractLinks, isHttpUrl } from '../text/extractLinks';
import { arxivAbsUrl, arxivIdFromAny } from '../text/arxivId';
import { splitAuthorList } from '../text/authorList';
import { isoDateFromHeader } from '../text/mailDate';
import { DigestError, type DigestSource } from './source';
import { arrayOf, attribute, collapse, elementLines, parseXml, textOf, xmlRootName, type XmlNode } from './xmlFeed';

export function looksLikeArxivAtom(text: string): boolean {
  if (xmlRootName(text) !== 'feed') return false;
  return /xmlns\s*=\s*["']http:\/\/www\.w3\.org\/2005\/Atom["']/.test(text.slice(0, 4096));
}

export function parseArxivAtom(source: DigestSource): ParsedDigest {
  const doc = parseXml(source.text, source.fileName);
  const feed = doc.feed as XmlNode | undefined;
  if (!feed || typeof feed !== 'object') throw new DigestError(source.fileName, 'is Atom without a <feed>');
  // The feed's <updated> is when the listing (or the query answer) was produced.
  const digestDate = isoDateFromHeader(textOf(feed.updated));
  const lines = elementLines(source.text, 'entry');
  const warnings: string[] = [];
  const papers: ParsedPaper[] = [];
  arrayOf(feed.entry).forEach((raw, index) => {
    const line = lines[index] ?? 1;
    const entry = (raw && typeof raw === 'object' ? raw : {}) as XmlNode;
    const title = collapse(textOf(entry.title));
    if (!title) {
      warnings.push(`line ${line}: entry skipped: it has no <title>`);
      return;
    }
    // The API answers a query with no hits with one entry titled "Error": not a paper.
    const idText = collapse(textOf(entry.id));
    const hrefs = arrayOf(entry.link).flatMap((l) => {
      const href = attribute(l, 'href');
      return href && isHttpUrl(href) ? [{ href, rel: attribute(l, 'rel'), title: attribute(l, 'title') }] : [];
    });
    const arxivId =
      arxivIdFromAny(idText) ??
      hrefs.map((l) => arxivIdFromAny(l.href)).find((id): id is string => id !== null) ??
      null;
    if (!arxivId && /\/api\/errors/.test(idText)) {
      warnings.push(`line ${line}: entry skipped: the feed reports an error ("${collapse(textOf(entry.summary))}")`);
      return;
    }
    const abstract = collapse(textOf(entry.summary)).replace(/^arXiv:\S+\s+Announce Type:\s*\S+\s+Abstract:\s*/i, '');
    const links = arxivId ? [arxivAbsUrl(arxivId)] : [];
    for (const url of extractLinks(abstract)) if (!links.includes(url)) links.push(url);
    const authors = [
      ...arrayOf(entry.author).map((a) => collapse(textOf((a as XmlNode | undefined)?.name))),
      ...arrayOf(entry['dc:creator']).flatMap((c) => splitAuthorList(collapse(textOf(c)))),
    ].filter(Boolean);
    const categories = arrayOf(entry.category)
      .map((c) => attribute(c, 'term') ?? collapse(textOf(c)))
      .filter((c): c is string => Boolean(c));
    const published = isoDateFromHeader(textOf(entry.published));
    const doi = collapse(textOf(entry['arxiv:doi'])) || null;
    const announce = collapse(textOf(entry['arxiv:announce_type']));
    papers.push({
      title,
      abstract,
      authors,
      arxivId,
      links,
      digestDate,
      doi,
      year: published ? Number(published.slice(0, 4)) : null,
      categories,
      ...(announce ? { announceType: announce } : {}),
      line,
    });
  });
  return { format: 'arxiv-atom', digestDate, papers, warnings };
}
