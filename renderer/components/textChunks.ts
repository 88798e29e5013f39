// Chromium lays out one text node holding a long unbroken run (no space in thousands of
// characters) in time that grows with the square of its length when the run has to wrap
// (`overflow-wrap: anywhere`) in the app's system-ui font: 20,000 characters took 4 s, a 1 MB
// hostile title or abstract froze the window for minutes. The same text cut into short
// adjacent text nodes lays out in linear time and looks and wraps the same (adjacent text
// nodes add no break opportunity, so `white-space: nowrap` rows stay on one line, unlike
// <wbr>), and copying it gives the same characters.

/** A run of this many non-space characters makes the text worth cutting. */
export const LONG_RUN = 200;
/** Length of the pieces a text with a long run is cut into. */
export const CHUNK = 64;

const longRun = new RegExp(`\\S{${LONG_RUN}}`, 'u');

/**
 * The text as it is when it has no long unbroken run, else cut into pieces of about CHUNK
 * characters (never splitting a surrogate pair), to be rendered as adjacent text nodes.
 */
export function textChunks(text: string): string | string[] {
  if (text.length < LONG_RUN || !longRun.test(text)) return text;
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}
