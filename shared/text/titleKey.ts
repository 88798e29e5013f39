/**
 * The identity key for papers without an arXiv id: Unicode NFKC, case-folded, with
 * punctuation and white space collapsed to single spaces.
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\s]+/gu, ' ')
    .trim();
}
