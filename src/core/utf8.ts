/** Place of the first byte of a file that is not part of a valid UTF-8 sequence. */
export interface InvalidUtf8 {
  /** 1-based line and UTF-16 column in the decoded text, not counting a leading BOM. */
  line: number;
  column: number;
  /** The byte, as two upper-case hex digits. */
  byte: string;
  /** Set when the file starts with a UTF-16 byte order mark (FF FE or FE FF). */
  utf16?: true;
}

const REPLACEMENT = '\ufffd';

/**
 * Finds the first byte of `bytes` that is not part of a valid UTF-8 sequence, or returns
 * undefined when the bytes are UTF-8. A leading UTF-8 BOM is not counted in the column.
 */
export function findInvalidUtf8(bytes: Uint8Array): InvalidUtf8 | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // Not UTF-8: decode leniently below to find where.
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { line: 1, column: 1, byte: hex(bytes[0]), utf16: true };
  }
  // Each invalid sequence becomes U+FFFD. Until the first one, every character of `text`
  // matches its own UTF-8 bytes, so the first U+FFFD whose bytes are not EF BF BD marks it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let offset = 0;
  let line = 1;
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (text.charAt(index) === REPLACEMENT) {
      const encoded =
        bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd;
      if (!encoded) return { line, column: index - lineStart + 1, byte: hex(bytes[offset]) };
    }
    if (code === 10 || (code === 13 && text.charCodeAt(index + 1) !== 10)) {
      line++;
      lineStart = index + 1;
    }
    // A surrogate pair's four bytes are counted at its first half.
    if (code < 0x80) offset += 1;
    else if (code < 0x800) offset += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      offset += 4;
      index++;
    } else offset += 3;
  }
  return undefined;
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).toUpperCase().padStart(2, '0');
}

/** Describes why bytes are not UTF-8, as a predicate after "the file" (the place is not in it). */
export function describeInvalidUtf8(invalid: InvalidUtf8): string {
  return invalid.utf16
    ? 'is UTF-16, not UTF-8. Save it as UTF-8'
    : `is not UTF-8 text: byte 0x${invalid.byte} is invalid there. Save it as UTF-8`;
}
