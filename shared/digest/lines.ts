// Line handling shared by the text-based parsers.

/** Lines of a text, whatever its line endings (LF, CRLF or a lone CR). */
export function splitLines(text: string): string[] {
  // Decoded files already use \n only; a plain split is several times faster than the regex.
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}

/** The first `count` lines, without splitting the whole text (detectors look only at the start). */
export function headLines(text: string, count: number): string[] {
  return splitLines(text.slice(0, count * 400)).slice(0, count);
}

/** 1-based line number of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Maps many ascending offsets to line numbers in one pass. */
export function linesAtOffsets(text: string, offsets: readonly number[]): number[] {
  const result: number[] = [];
  let line = 1;
  let position = 0;
  for (const offset of offsets) {
    for (let i = text.indexOf('\n', position); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      position = i + 1;
    }
    result.push(line);
  }
  return result;
}
