import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Combine, HeadedGzip } from './HeadedGzip';

const encoder = new TextEncoder();
const gunzip = async (file: Blob) =>
  new Uint8Array(await new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());

/** Deterministic bytes, compressible or not. */
function bytesOf(length: number, seed: number, alphabet = 256): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = (x >>> 0) % alphabet;
  }
  return out;
}

describe('HeadedGzip', () => {
  it('combines CRC-32s as if computed over the concatenation', () => {
    expect(crc32(encoder.encode('123456789'))).toBe(0xcbf43926); // the standard check value
    for (const [a, b] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [17, 1],
      [300, 65_537],
      [5, 1_000_003],
    ] as const) {
      const first = bytesOf(a, a + 1);
      const second = bytesOf(b, b + 7);
      const whole = new Uint8Array(a + b);
      whole.set(first);
      whole.set(second, a);
      expect(crc32Combine(crc32(first), crc32(second), b)).toBe(crc32(whole));
    }
  });

  it.each([
    ['a short head and a body in many writes', 120, 40, 3_000],
    ['an empty body', 200, 0, 0],
    ['an empty head', 0, 25, 1_000],
    ['a head longer than one stored block', 150_000, 3, 70_000],
  ])('reads back with DecompressionStream and zlib: %s', async (_name, headBytes, writes, writeBytes) => {
    const head = bytesOf(headBytes, 3, 40);
    const body = Array.from({ length: writes }, (_, i) => bytesOf(writeBytes, i + 11, i % 2 ? 256 : 20));
    const gzip = new HeadedGzip();
    for (const part of body) gzip.write(part);
    const file = await gzip.finish(head);
    const expected = Buffer.from(await new Blob([head, ...body]).arrayBuffer());
    expect(expected.equals(await gunzip(file))).toBe(true);
    expect(expected.equals(gunzipSync(new Uint8Array(await file.arrayBuffer())))).toBe(true);
  });

  it('a damaged file is refused by the reader (the trailer covers head and body)', async () => {
    const gzip = new HeadedGzip();
    gzip.write(encoder.encode('body '.repeat(1_000)));
    const bytes = new Uint8Array(await (await gzip.finish(encoder.encode('{"head":1}\n'))).arrayBuffer());
    bytes[12]! ^= 1; // inside the stored head
    await expect(gunzip(new Blob([bytes]))).rejects.toThrow();
  });
});
