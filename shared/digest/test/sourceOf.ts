// Helpers for the digest tests: fixtures as text, and one call to parse any of them.
// (Test-only module: imported by *.test.ts files, never by the parsers.)

import type { DigestSource } from '../source';

/** A DigestSource for `text` with a fixed reference date, so year rules are deterministic. */
export function sourceOf(text: string, fileName = 'test.txt', referenceDate = '2026-11-29'): DigestSource {
  return { text, fileName, referenceDate };
}
