// Parser for arXiv's RSS 2.0 listing feeds (rss.arxiv.org): one <item> per paper, with
// <guid>oai:arXiv.org:ID</guid>, <dc:creator>, <category>, <arxiv:announce_type>, and a
// description "arXiv:ID Announce Type: new Abstract: …".

import type { ParsedDigest, ParsedPaper } from '../model';
import { extractLinks } from '../text/extractLinks';
import { arxivAbsUrl, arxivIdFromAny } from '../text/arxivId';
import { splitAuthorList } from '../text/authorList';
import { isoDateFromHeader } from '../text/mailDate';
import { DigestError, type DigestSource } from './source';
import { arrayOf, collapse, elementLines, parseXml, textOf, xmlRootName, type XmlNode } from './xmlFeed';

export function looksLikeArxivRss(text: string): boolean {
  return xmlRootName(text) === 'rss';
}

export function parseArxivRss(source: DigestSource): ParsedDigest {
  const doc = parseXml(source.text, source.fileName);
  const channel = (doc.rss as XmlNode | undefined)?.channel as XmlNode | undefined;
  if (!channel || typeof channel !== 'object') throw new DigestError(source.fileName, 'is RSS without a <channel>');
  const digestDate = isoDateFromHeader(textOf(channel.pubDate) || textOf(channel.lastBuildDate));
  const lines = elementLines(source.text, 'item');
  const warnings: string[] = [];
  const papers: ParsedPaper[] = [];
  arrayOf(channel.item).forEach((raw, index) => {
    const line = lines[index] ?? 1;
    const item = (raw && typeof raw === 'object' ? raw : {}) as XmlNode;
    const title = collapse(textOf(item.title));
    if (!title) {
      warnings.push(`line ${line}: item skipped: it has no <title>`);
      return;
    }
    const link = collapse(textOf(item.link));
    const arxivId = arxivIdFromAny(collapse(textOf(item.guid))) ?? arxivIdFromAny(link);
    const abstract = abstractOf(collapse(textOf(item.description)));
    const links = arxivId ? [arxivAbsUrl(arxivId)] : [];
    for (const url of extractLinks(abstract)) if (!links.includes(url)) links.push(url);
    const itemDate = isoDateFromHeader(textOf(item.pubDate));
    papers.push({
      title,
      abstract,
      authors: arrayOf(item['dc:creator']).flatMap((creator) => splitAuthorList(collapse(textOf(creator)))),
      arxivId,
      links,
      digestDate: itemDate ?? digestDate,
      categories: arrayOf(item.category)
        .map((c) => collapse(textOf(c)))
        .filter(Boolean),
      ...(textOf(item['arxiv:announce_type']) ? { announceType: collapse(textOf(item['arxiv:announce_type'])) } : {}),
      line,
    });
  });
  return { format: 'arxiv-rss', digestDate, papers, warnings };
}

/** The abstract without the "arXiv:ID Announce Type: new Abstract:" preamble the feed adds. */
function abstractOf(description: string): string {
  return description.replace(/^arXiv:\S+\s+Announce Type:\s*\S+\s+Abstract:\s*/i, '').replace(/^Abstract:\s*/i, '');
}
