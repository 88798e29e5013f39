import { describe, expect, it } from 'vitest';
import { decodeTexAccents } from './texAccents';

describe('decodeTexAccents', () => {
  it.each([
    [String.raw`Ara\'ujo`, 'Araújo'],
    [String.raw`Sa\v{s}a`, 'Saša'],
    [String.raw`J{\"o}rg`, 'Jörg'],
    [String.raw`G\"{o}del`, 'Gödel'],
    [String.raw`Fran\c{c}ois`, 'François'],
    [String.raw`\c c`, 'ç'],
    [String.raw`Pe\~na`, 'Peña'],
    [String.raw`Erd\H{o}s`, 'Erdős'],
    [String.raw`Mar\'{\i}a`, 'María'],
    [String.raw`{\'E}cole`, 'École'],
    [String.raw`\`a la`, 'à la'],
    [String.raw`\^{o}te`, 'ôte'],
    [String.raw`\L{}ukasz`, 'Łukasz'],
    [String.raw`Stra\ss e`, 'Straße'],
    [String.raw`Bj{\o}rn`, 'Bjørn'],
    [String.raw`\AA{}ngstr\"om`, 'Ångström'],
    [String.raw`Dvo\v{r}\'ak`, 'Dvořák'],
  ])('%s → %s', (tex, expected) => {
    expect(decodeTexAccents(tex)).toBe(expected);
  });

  it.each([
    [String.raw`$\mathbb{R}^n$ and \vec{x}`],
    [String.raw`\beta \omega \lambda \infty \Lambda`],
    ['plain text, no commands {kept}'],
    [String.raw`C:\models\moe`],
  ])('leaves %s as written', (text) => {
    expect(decodeTexAccents(text)).toBe(text);
  });
});
