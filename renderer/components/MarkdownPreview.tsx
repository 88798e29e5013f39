import 'katex/dist/katex.min.css';
import './markdownMath.css';
import { memo, useDeferredValue } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { ExternalLink } from './LinkedText';
import { rehypeNoteKatex } from './rehypeNoteKatex';
import { remarkNoteMath } from './remarkNoteMath';

/** Only http(s) links survive; anything else (javascript:, file:, data:) becomes no link. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '';
  } catch {
    return '';
  }
}

const REMARK_PLUGINS = [remarkNoteMath];
const REHYPE_PLUGINS = [rehypeNoteKatex];

const components: Components = {
  a: ({ href, children }) => (href ? <ExternalLink url={href}>{children}</ExternalLink> : <span>{children}</span>),
  // Notes never load anything: an image shows as its description.
  img: ({ alt }) => <span className="md-image">[{alt || 'image'}]</span>,
};

/**
 * Notes as Markdown with math. react-markdown builds React elements (no HTML strings) and ignores
 * raw HTML in the note (skipHtml); every URL goes through safeUrl and every a/img through the
 * components above, KaTeX's output included. Math is typeset by KaTeX into a tree (see
 * rehypeNoteKatex) that becomes React elements like the rest.
 */
export function MarkdownPreview({ source }: { source: string }) {
  // Typesetting costs a millisecond or two a formula, on every keystroke: a note full of math
  // updates its preview behind the typing (a deferred, interruptible render), not before each key.
  const deferred = useDeferredValue(source);
  return (
    <div className="markdown" data-testid="notes-preview">
      <NoteMarkdown source={deferred} />
    </div>
  );
}

const NoteMarkdown = memo(function NoteMarkdown({ source }: { source: string }) {
  return (
    <Markdown
      skipHtml
      urlTransform={safeUrl}
      components={components}
      remarkPlugins={REMARK_PLUGINS}
      rehypePlugins={REHYPE_PLUGINS}
    >
      {source}
    </Markdown>
  );
});
