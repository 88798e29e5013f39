// A gzip file whose first bytes (the backup's manifest line) are known only once the rest has
// been compressed: the body streams through the platform's CompressionStream while it is being
// produced, and the head is put in front afterwards as a stored (uncompressed) deflate block.
// The result is one ordinary gzip member: header, the head's stored blocks, the body's deflate
// blocks, and a trailer whose CRC-32 covers head and body (combined from the two CRCs, as zlib's
// crc32_combine does), so any gzip reader (DecompressionStream, zlib, gunzip) reads it as usual.

const GZIP_HEADER_BYTES = 10;
const GZIP_TRAILER_BYTES = 8;
/** The most a stored deflate block holds. */
const STORED_BLOCK_BYTES = 0xffff;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

function gf2Times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0; vector !== 0; i++, vector >>>= 1) if (vector & 1) sum ^= matrix[i]!;
  return sum >>> 0;
}

function gf2Square(square: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) square[n] = gf2Times(matrix, matrix[n]!);
}

/** The CRC-32 of A followed by B, from crc32(A), crc32(B) and B's length (zlib's crc32_combine). */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  const even = new Uint32Array(32); // operator for 2^k zero bits, k even
  const odd = new Uint32Array(32);
  odd[0] = 0xedb88320; // one zero bit
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  gf2Square(even, odd); // two zero bits
  gf2Square(odd, even); // four
  let crc = crcA >>> 0;
  let length = lengthB;
  for (;;) {
    gf2Square(even, odd);
    if (length % 2 === 1) crc = gf2Times(even, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
    gf2Square(odd, even);
    if (length % 2 === 1) crc = gf2Times(odd, crc);
    length = Math.floor(length / 2);
    if (length === 0) break;
  }
  return (crc ^ crcB) >>> 0;
}

/** The head as stored deflate blocks, none final (the body's blocks follow). */
function storedBlocks(head: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>[] {
  const blocks: Uint8Array<ArrayBuffer>[] = [];
  for (let at = 0; at < head.byteLength; at += STORED_BLOCK_BYTES) {
    const data = head.subarray(at, at + STORED_BLOCK_BYTES);
    const block = new Uint8Array(5 + data.byteLength);
    // byte 0: BFINAL 0, BTYPE 00 (stored), padding to the byte boundary; then LEN and NLEN
    block[1] = data.byteLength & 0xff;
    block[2] = data.byteLength >>> 8;
    block[3] = ~data.byteLength & 0xff;
    block[4] = (~data.byteLength >>> 8) & 0xff;
    block.set(data, 5);
    blocks.push(block);
  }
  return blocks;
}

export class HeadedGzip {
  private readonly writer: WritableStreamDefaultWriter<BufferSource>;
  private readonly compressed: Promise<Uint8Array<ArrayBuffer>[]>;
  private bodyBytes = 0;

  constructor() {
    const gzip = new CompressionStream('gzip');
    this.writer = gzip.writable.getWriter();
    this.compressed = (async () => {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      const reader = gzip.readable.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return parts;
        parts.push(value);
      }
    })();
    this.compressed.catch(() => undefined); // reported by finish(); never unhandled
  }

  /**
   * Adds body bytes. Not awaited on purpose: callers write from inside a Dexie transaction, which
   * a foreign await would end; the bytes queue and are compressed as the event loop gets to them.
   */
  write(bytes: Uint8Array<ArrayBuffer>): void {
    this.bodyBytes += bytes.byteLength;
    this.writer.write(bytes).catch(() => undefined); // a failed write fails finish()
  }

  /** The whole file: `head` (uncompressed, stored) then the body written so far. */
  async finish(head: Uint8Array<ArrayBuffer>): Promise<Blob> {
    await this.writer.close();
    const parts = await this.compressed;
    const member = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      member.set(part, at);
      at += part.byteLength;
    }
    if (
      member.byteLength < GZIP_HEADER_BYTES + GZIP_TRAILER_BYTES ||
      member[0] !== 0x1f ||
      member[1] !== 0x8b ||
      member[2] !== 8 ||
      member[3] !== 0 // no optional header fields: the header is exactly 10 bytes
    ) {
      throw new Error('CompressionStream wrote a gzip header this code does not know.');
    }
    const trailer = new DataView(member.buffer, member.byteLength - GZIP_TRAILER_BYTES);
    const bodyCrc = trailer.getUint32(0, true);
    if (trailer.getUint32(4, true) !== this.bodyBytes % 2 ** 32) {
      throw new Error('The compressed backup does not hold every byte written.');
    }
    const out = new Uint8Array(GZIP_TRAILER_BYTES);
    const view = new DataView(out.buffer);
    view.setUint32(0, crc32Combine(crc32(head), bodyCrc, this.bodyBytes), true);
    view.setUint32(4, (head.byteLength + this.bodyBytes) % 2 ** 32, true);
    return new Blob([
      member.subarray(0, GZIP_HEADER_BYTES),
      ...storedBlocks(head),
      member.subarray(GZIP_HEADER_BYTES, member.byteLength - GZIP_TRAILER_BYTES),
      out,
    ]);
  }

  /** Stops compressing (the export failed). */
  abort(reason: unknown): void {
    this.writer.abort(reason).catch(() => undefined);
  }
}
