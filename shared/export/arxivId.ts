// arXiv identifiers and categories as entries print them.

const PREFIX = /^arxiv:\s*/i;
const VERSION = /v\d+$/;
const VALID_ID = /^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})$/;
const VALID_CLASS = /^[a-z-]+(?:\.[A-Za-z-]+)?$/;

/** `arXiv:2403.08763v2` → `2403.08763`; null when the text is not an arXiv id. */
export function normalizeArxivId(id: string | null | undefined): string | null {
  if (!id) return null;
  if (VALID_ID.test(id)) return id; // already bare: the library stores ids this way
  const bare = id.trim().replace(PREFIX, '').replace(VERSION, '');
  return VALID_ID.test(bare) ? bare : null;
}

/** The primary category (`cs.CL`) when it is well-formed; null otherwise. */
export function normalizeArxivClass(primaryClass: string | null | undefined, categories?: readonly string[]) {
  const value = (primaryClass ?? categories?.[0] ?? '').trim();
  return VALID_CLASS.test(value) ? value : null;
}

/** `https://arxiv.org/abs/2403.08763` */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

const DOI_PREFIX = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i;
const VALID_DOI = /^10\.\d{4,9}\/\S+$/;

/** `https://doi.org/10.1/x` or `doi:10.1/x` → `10.1/x`; null when it is no DOI. */
export function normalizeDoi(doi: string | null | undefined): string | null {
  if (!doi) return null;
  const bare = doi.trim().replace(DOI_PREFIX, '');
  return VALID_DOI.test(bare) ? bare : null;
}
