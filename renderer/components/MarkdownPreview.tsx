import Markdown, { type Components } from 'react-markdown';
import { ExternalLink } from './LinkedText';

/** Only http(s) links survive; anything else (javascript:, file:, data:) becomes no link. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '';
  } catch {
    return '';
  }
}

const components: Components = {
  a: ({ href, children }) => (href ? <ExternalLink url={href}>{children}</ExternalLink> : <span>{children}</span>),
  // Notes never load anything: an image shows as its description.
  img: ({ alt }) => <span className="md-image">[{alt || 'image'}]</span>,
};

/**
 * Notes as Markdown. react-markdown builds React elements (no HTML strings), ignores raw HTML
 * unless a plugin is added (none is), and every URL goes through safeUrl.
 */
export function MarkdownPreview({ source }: { source: string }) {
  return (
    <div className="markdown" data-testid="notes-preview">
      <Markdown skipHtml urlTransform={safeUrl} components={components}>
        {source}
      </Markdown>
    </div>
  );
}
