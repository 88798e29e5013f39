// Bytes to text: BOMs, UTF-16, UTF-8, Windows-1252 fallback, binary detection, NFC.

export type DecodeResult = { ok: true; text: string; encoding: string } | { ok: false; reason: string };

/**
 * decodeText's result, plus whether the text is the bytes themselves: `verbatim` is true when the
 * bytes are valid UTF-8 without a BOM and neither line endings nor NFC changed anything, so the
 * text's UTF-8 encoding is exactly `bytes` (a hash of the bytes is then the hash of the text).
 */
export type DecodedBytes =
  { ok: true; text: string; encoding: string; verbatim: boolean } | { ok: false; reason: string };

export function decodeText(bytes: Uint8Array): DecodeResult {
  const decoded = decodeBytes(bytes);
  return decoded.ok ? { ok: true, text: decoded.text, encoding: decoded.encoding } : decoded;
}

export function decodeBytes(bytes: Uint8Array): DecodedBytes {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  let text: string;
  let encoding: string;
  // Only a fatal (so lossless) UTF-8 decoding of the whole file can be verbatim.
  let verbatim = false;
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
      verbatim = true;
    } catch {
      text = decodeWindows1252(bytes);
      encoding = 'windows-1252';
    }
  }
  if (text.includes('\u0000')) return { ok: false, reason: 'the file is binary, not a text digest' };
  // Parsers see one line ending and one Unicode form, whatever the file was saved with.
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    verbatim = false;
  }
  const nfc = toNfc(text);
  // toNfc hands back `text` itself when no line changes
  if (nfc !== text) verbatim = false;
  text = nfc;
  if (text.trim() === '') return { ok: false, reason: 'the file is empty' };
  return { ok: true, text, encoding, verbatim };
}

/**
 * Unicode NFC, without normalizing 50 MB when almost nothing needs it. Every character below
 * U+0300 is NFC-stable and only composes with a combining mark after it, and a line feed never
 * composes with anything, so normalizing only the lines holding a character at or above U+0300
 * gives exactly `text.normalize('NFC')`. When no line changes (the usual case: text is mostly
 * saved in NFC), `text` itself is returned, not a 50 MB copy of it.
 */
export function toNfc(text: string): string {
  const candidate = /[\u0300-\uffff]/g;
  let parts: string[] | null = null;
  let copied = 0;
  // One forward scan: after a hit the search resumes at the end of its line, so each line is
  // read once however long it is (an unanchored line regex was quadratic on a 1 MB ASCII line).
  for (let hit = candidate.exec(text); hit !== null; hit = candidate.exec(text)) {
    const start = text.lastIndexOf('\n', hit.index) + 1;
    const newline = text.indexOf('\n', hit.index);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    const normalized = line.normalize('NFC');
    if (normalized !== line) {
      (parts ??= []).push(text.slice(copied, start), normalized);
      copied = end;
    }
    if (newline < 0) break;
    candidate.lastIndex = newline + 1;
  }
  if (parts === null) return text;
  parts.push(text.slice(copied));
  return parts.join('');
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
