// Bytes to text: BOMs, UTF-16, UTF-8, Windows-1252 fallback, binary detection, NFC.

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  let text: string;
  let encoding: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    if (looksBinary(bytes)) return { ok: false, reason: 'the file is binary, not a text digest' };
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      encoding = 'utf-8';
    } catch {
      text = decodeWindows1252(bytes);
      encoding = 'windows-1252';
    }
  }
  if (text.includes('\u0000')) return { ok: false, reason: 'the file is binary, not a text digest' };
  // Parsers see one line ending and one Unicode form, whatever the file was saved with.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  text = toNfc(text);
  if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
  return { ok: true, text, encoding };
}

/**
 * Unicode NFC, without normalizing 50 MB when almost nothing needs it. Every character below
 * U+0300 is NFC-stable and only composes with a combining mark after it, and a line feed never
 * composes with anything, so normalizing only the lines holding a character at or above U+0300
 * gives exactly `text.normalize('NFC')`.
 */
export function toNfc(text: string): string {
  if (!/[\u0300-\uffff]/.test(text)) return text;
  // Anchored to line starts: unanchored, a long line with no such character is retried from
  // every position (quadratic: a 1 MB ASCII title hung the import).
  return text.replace(/^[^\n]*[\u0300-\uffff][^\n]*$/gm, (line) => line.normalize('NFC'));
}

/** NUL bytes, or many control characters, in the first 8 KiB mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 7 || (byte > 13 && byte < 32 && byte !== 27)) control++;
  }
  return control / sample.length > 0.1;
}

/**
 * Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F (smart quotes, dashes, €). Some
 * TextDecoder builds (Node's among them) decode the "windows-1252" label as ISO-8859-1 and turn
 * those bytes into invisible C1 controls, so that range is mapped here.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < bytes.length; start += chunk) {
    let piece = '';
    const end = Math.min(bytes.length, start + chunk);
    for (let i = start; i < end; i++) {
      const byte = bytes[i]!;
      piece += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
    }
    parts.push(piece);
  }
  return parts.join('');
}
