/** Place of the first byte of a file that is not part of a valid UTF-8 sequence. */
export interface InvalidUtf8 {
  /** 1-based line and UTF-16 column in the decoded text. */
  line: number;
  column: number;
  /** The byte, as two upper-case hex digits. */
  byte: string;
}

const REPLACEMENT = '\ufffd';

/**
 * Finds the first invalid UTF-8 sequence of `bytes`, given `text`, their lenient decoding (where
 * each invalid sequence became U+FFFD). Until that sequence, every character of `text` matches
 * its own UTF-8 bytes, so the first U+FFFD whose bytes are not EF BF BD marks it.
 */
export function firstInvalidUtf8(bytes: Uint8Array, text: string): InvalidUtf8 | undefined {
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (text.charAt(index) === REPLACEMENT) {
      const encoded =
        bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
      if (!encoded) {
        const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
        return { line, column: index - lineStart + 1, byte };
      }
    }
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
      line++;
      lineStart = index + 1;
    }
    // UTF-8 length of the character; a surrogate pair's four bytes are counted at its first half.
    if (code < 0x80) offset += 1;
    else if (code < 0x800) offset += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      offset += 4;
      index++;
    } else offset += 3;
  }
  return undefined;
}
