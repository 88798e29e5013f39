// Folds text to ASCII for citation keys and sort keys: diacritics dropped, ligatures spelled out.

/** Letters that carry no combining mark in Unicode, so NFKD leaves them alone. */
const SPELLED: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  ø: 'o',
  Ø: 'O',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ȷ: 'j',
  ħ: 'h',
  Ħ: 'H',
  ŋ: 'ng',
  Ŋ: 'Ng',
  ĸ: 'q',
  ſ: 's',
};

const MARKS = /\p{M}+/gu;
const SPELLED_CHARS = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'g');
const NON_ASCII = /[^ -~\t\n\r]/;

/**
 * NFKD with combining marks stripped, plus the letters in SPELLED. Characters with no ASCII
 * form (CJK, emoji, Cyrillic, …) are kept: callers drop what they cannot use.
 */
export function foldToAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(SPELLED_CHARS, (ch) => SPELLED[ch] ?? ch);
}
