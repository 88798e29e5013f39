import { linkSegments } from '../../shared/text/linkSegments';
import { openLink } from '../api';
import { textChunks } from './textChunks';

/** Untrusted text rendered as React text, with its http(s) links clickable (opened by the OS). */
export function LinkedText({ text }: { text: string }) {
  return (
    <>
      {linkSegments(text).map((segment, i) =>
        segment.kind === 'text' ? (
          <span key={i}>{textChunks(segment.text)}</span>
        ) : (
          <ExternalLink key={i} url={segment.url}>
            {segment.text}
          </ExternalLink>
        ),
      )}
    </>
  );
}

export function ExternalLink({ url, children }: { url: string; children: React.ReactNode }) {
  return (
    <a
      href={url}
      rel="noreferrer noopener"
      title={`Open ${url} in your browser`}
      onClick={(event) => {
        event.preventDefault();
        void openLink(url);
      }}
    >
      {children}
    </a>
  );
}
