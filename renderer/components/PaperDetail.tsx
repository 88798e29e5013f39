import { memo, useEffect } from 'react';
import { READING_STATUSES, type Paper } from '../../shared/model';
import { setTargetsStatus, starTargets } from '../actions';
import { usePaper, usePaperAppearances } from '../db/queries';
import { formatDateTime, formatDigestDate } from '../format';
import { measureDetailOpen } from '../perfMarks';
import type { ParsedQuery } from '../search/tokenize';
import { STATUS_LABELS } from '../views';
import { Highlighted } from './Highlighted';
import { ExternalLink, LinkedText } from './LinkedText';
import { NotesEditor } from './NotesEditor';
import { TagEditor } from './TagEditor';
import { CitationKeyField } from '../export/CitationKeyField';

export const PaperDetail = memo(function PaperDetail({ id, query }: { id: string | null; query: ParsedQuery | null }) {
  const paper = usePaper(id);
  const appearances = usePaperAppearances(id);
  // Another paper starts at its title, not where the last one was scrolled to.
  useEffect(() => {
    document.getElementById('paper-detail')?.scrollTo({ top: 0 });
  }, [id]);
  useEffect(() => {
    if (paper && paper.id === id) measureDetailOpen(paper.id);
  }, [paper, id]);

  if (!id || paper === null) {
    return (
      <section className="detail detail-empty" aria-label="Paper details" id="paper-detail" tabIndex={-1}>
        <p>Select a paper to read its abstract.</p>
      </section>
    );
  }
  if (paper === undefined) {
    return <section className="detail" aria-label="Paper details" aria-busy="true" id="paper-detail" tabIndex={-1} />;
  }
  const arxivLinks = paper.arxivId
    ? [`https://arxiv.org/abs/${paper.arxivId}`, `https://huggingface.co/papers/${paper.arxivId}`]
    : [];
  const links = [...new Set([...paper.links, ...arxivLinks])];
  return (
    <section className="detail" aria-label="Paper details" data-testid="paper-detail" id="paper-detail" tabIndex={-1}>
      <h2 className="detail-title" id="detail-title">
        <Highlighted text={paper.title} query={query} />
      </h2>
      {paper.authors.length > 0 && (
        <p className="detail-authors">
          <Highlighted text={paper.authors.join(', ')} query={query} />
        </p>
      )}
      <p className="detail-meta">
        {appearances && appearances.length > 0
          ? `Listed in ${appearances.map((a) => formatDigestDate(a.digestDate)).join(', ')}`
          : `Digest date ${formatDigestDate(paper.lastDigestDate)}`}
        {paper.arxivId && <span className="detail-id"> · arXiv:{paper.arxivId}</span>}
      </p>

      <div className="detail-actions">
        <StarButton paper={paper} />
        <StatusControl paper={paper} />
      </div>

      <TagEditor key={`tags-${paper.id}`} paperId={paper.id} tags={paper.tags} />
      <CitationKeyField key={`key-${paper.id}`} paper={paper} />

      <h3 className="detail-heading">Abstract</h3>
      <p className="detail-abstract" data-testid="paper-abstract">
        {paper.abstract ? (
          query ? (
            <Highlighted text={paper.abstract} query={query} />
          ) : (
            <LinkedText text={paper.abstract} />
          )
        ) : (
          <em>No abstract in the digest.</em>
        )}
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
      <NotesEditor key={`notes-${paper.id}`} paperId={paper.id} saved={paper.notes} />
    </section>
  );
});

function StarButton({ paper }: { paper: Paper }) {
  const starred = paper.starred === 1;
  return (
    <button
      type="button"
      className={`button star-button${starred ? ' on' : ''}`}
      aria-pressed={starred}
      aria-keyshortcuts="s"
      data-testid="star-button"
      onClick={() => void starTargets(!starred, [paper.id])}
    >
      <span aria-hidden="true">{starred ? '★' : '☆'}</span> {starred ? 'Starred' : 'Star'}
    </button>
  );
}

function StatusControl({ paper }: { paper: Paper }) {
  return (
    <div className="status-control">
      <div role="radiogroup" aria-label="Reading status" className="segmented" data-testid="status-control">
        {READING_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            role="radio"
            aria-checked={paper.status === status}
            className={paper.status === status ? 'on' : undefined}
            onClick={() => void setTargetsStatus(status, [paper.id])}
          >
            {STATUS_LABELS[status]}
          </button>
        ))}
      </div>
      {paper.status === 'reading' && typeof paper.queuedAt === 'number' && (
        <span className="read-at" data-testid="queued-at">
          In queue since {formatDateTime(paper.queuedAt)}
        </span>
      )}
      {paper.status === 'dismissed' ? (
        <button
          type="button"
          className="button small"
          onClick={() => void setTargetsStatus('unread', [paper.id])}
          data-testid="restore-button"
        >
          Restore to Inbox
        </button>
      ) : (
        <button
          type="button"
          className="button small ghost"
          aria-keyshortcuts="x"
          onClick={() => void setTargetsStatus('dismissed', [paper.id])}
          data-testid="dismiss-button"
        >
          Dismiss
        </button>
      )}
      {paper.status === 'read' && paper.readAt !== null && (
        <span className="read-at" data-testid="read-at">
          Read {formatDateTime(paper.readAt)}
        </span>
      )}
    </div>
  );
}
