/** What a parser is given: decoded text plus what the year rule needs. */
export interface DigestSource {
  /** Decoded, NFC-normalized text. */
  text: string;
  /** The file's base name, used in messages. */
  fileName: string;
  /** YYYY-MM-DD the digest cannot be later than (file modification date, or an e-mail's Date). */
  referenceDate: string;
  /**
   * The file's raw bytes, when the caller has them. Only e-mail files use them: a MIME part in
   * its own charset must be decoded from the original bytes, not from the file-level decoding.
   */
  bytes?: Uint8Array;
}

/** The one error a parser may throw: the file is not something it can read. */
export class DigestError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(`${fileName}: ${reason}`);
    this.name = 'DigestError';
  }
}
