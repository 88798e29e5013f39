import { usePaper, usePaperAppearances } from '../db/queries';
import { formatDigestDate } from '../format';
import { ExternalLink, LinkedText } from './LinkedText';

export function PaperDetail({ id }: { id: string | null }) {
  const paper = usePaper(id);
  const appearances = usePaperAppearances(id);
  if (!id || paper === null) {
    return (
      <section className="detail detail-empty" aria-label="Paper details">
        <p>Select a paper to read its abstract.</p>
      </section>
    );
  }
  if (paper === undefined) return <section className="detail" aria-label="Paper details" aria-busy="true" />;
  const arxivLinks = paper.arxivId
    ? [`https://arxiv.org/abs/${paper.arxivId}`, `https://huggingface.co/papers/${paper.arxivId}`]
    : [];
  const links = [...new Set([...paper.links, ...arxivLinks])];
  return (
    <section className="detail" aria-label="Paper details" data-testid="paper-detail">
      <h2 className="detail-title">{paper.title}</h2>
      {paper.authors.length > 0 && <p className="detail-authors">{paper.authors.join(', ')}</p>}
      <p className="detail-meta">
        {appearances && appearances.length > 0
          ? `Listed in ${appearances.map((a) => formatDigestDate(a.digestDate)).join(', ')}`
          : `Digest date ${formatDigestDate(paper.lastDigestDate)}`}
      </p>
      <h3 className="detail-heading">Abstract</h3>
      <p className="detail-abstract" data-testid="paper-abstract">
        {paper.abstract ? <LinkedText text={paper.abstract} /> : <em>No abstract in the digest.</em>}
      </p>
      {links.length > 0 && (
        <>
          <h3 className="detail-heading">Links</h3>
          <ul className="detail-links" data-testid="paper-links">
            {links.map((url) => (
              <li key={url}>
                <ExternalLink url={url}>{url}</ExternalLink>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
