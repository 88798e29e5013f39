// Author lists as digests write them: "A, B and C", "A, B, and C", "A (MIT), B (ETH)".

/** Splits an author list into names, dropping parenthesized affiliations. */
export function splitAuthorList(text: string): string[] {
  return stripParentheses(text)
    .split(/\s*(?:,|;|&|\band\b)\s*/)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name !== '');
}

/** Removes every balanced `( … )` group, nested ones included; an unbalanced `(` stays. */
function stripParentheses(text: string): string {
  if (!text.includes('(')) return text;
  let depth = 0;
  let out = '';
  let start = 0;
  let groupStart = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') {
      if (depth === 0) {
        out += text.slice(start, i);
        groupStart = i;
      }
      depth++;
    } else if (ch === ')' && depth > 0) {
      depth--;
      if (depth === 0) start = i + 1;
    }
  }
  // An unclosed group is kept as written rather than swallowing the rest of the list.
  out += depth > 0 ? text.slice(groupStart) : text.slice(start);
  return out;
}
