import { describe, expect, it } from 'vitest';
import { splitAuthorList } from './authorList';

describe('splitAuthorList', () => {
  it.each([
    ['A, B and C', ['A', 'B', 'C']],
    ['A, B, and C', ['A', 'B', 'C']],
    ['Ana Ara\u00fajo (MIT), Bo Li (ETH Z\u00fcrich (D-INFK)) and Cy Dee', ['Ana Araújo', 'Bo Li', 'Cy Dee']],
    ['Solo Author', ['Solo Author']],
    ['  A ,\n  B  ', ['A', 'B']],
    ['Alexander Sand and Brandon Andrews', ['Alexander Sand', 'Brandon Andrews']],
    ['A (unclosed, B', ['A (unclosed', 'B']],
    ['', []],
  ])('%j', (text, expected) => {
    expect(splitAuthorList(text)).toEqual(expected);
  });
});
