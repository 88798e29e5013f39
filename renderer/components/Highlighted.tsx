import { useMemo } from 'react';
import { highlightRanges, type ParsedQuery } from '../search/tokenize';
import { textChunks } from './textChunks';

/** Untrusted text as React text, with the words a search matched wrapped in <mark>. */
export function Highlighted({ text, query }: { text: string; query: ParsedQuery | null }) {
  const parts = useMemo(() => {
    if (!query || query.terms.length === 0) return null;
    const ranges = highlightRanges(text, query);
    if (ranges.length === 0) return null;
    const out: { text: string; mark: boolean }[] = [];
    let at = 0;
    for (const [start, end] of ranges) {
      if (start > at) out.push({ text: text.slice(at, start), mark: false });
      out.push({ text: text.slice(start, end), mark: true });
      at = end;
    }
    if (at < text.length) out.push({ text: text.slice(at), mark: false });
    return out;
  }, [text, query]);
  // Long unbroken runs are rendered as short text nodes (see textChunks: layout time).
  if (!parts) return <>{textChunks(text)}</>;
  return (
    <>
      {parts.map((part, i) =>
        part.mark ? <mark key={i}>{textChunks(part.text)}</mark> : <span key={i}>{textChunks(part.text)}</span>,
      )}
    </>
  );
}
