// textencodebase64 / textdecodebase64 character sets: UTF-8 and UTF-16 natively, and every single-byte
// IANA character set that the platform's TextDecoder knows (reversed to encode).

/** An encoding failure worded as Terraform words it. */
export class TextEncodingError extends Error {
  constructor(
    readonly argumentIndex: number,
    message: string,
  ) {
    super(message);
    this.name = 'TextEncodingError';
  }
}

const CANONICAL_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
  'utf-16': 'UTF-16',
  'iso-8859-1': 'ISO-8859-1',
  'windows-1252': 'windows-1252',
  'us-ascii': 'US-ASCII',
  gbk: 'GBK',
  gb18030: 'GB18030',
  big5: 'Big5',
  shift_jis: 'Shift_JIS',
  macintosh: 'macintosh',
};

interface Charset {
  name: string;
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

function unsupported(label: string): TextEncodingError {
  return new TextEncodingError(
    1,
    `${JSON.stringify(label)} is not a supported IANA encoding name or alias in this Terraform version`,
  );
}

function utf16(name: string, littleEndian: boolean, byteOrderMark: boolean): Charset {
  return {
    name,
    encode(text) {
      const bytes = new Uint8Array(text.length * 2 + (byteOrderMark ? 2 : 0));
      const view = new DataView(bytes.buffer);
      let offset = 0;
      if (byteOrderMark) {
        view.setUint16(0, 0xfeff, littleEndian);
        offset = 2;
      }
      for (let index = 0; index < text.length; index++)
        view.setUint16(offset + index * 2, text.charCodeAt(index), littleEndian);
      return bytes;
    },
    decode(bytes) {
      let data = bytes;
      let little = littleEndian;
      if (byteOrderMark && data.length >= 2) {
        if (data[0] === 0xff && data[1] === 0xfe) [data, little] = [data.subarray(2), true];
        else if (data[0] === 0xfe && data[1] === 0xff) [data, little] = [data.subarray(2), false];
      }
      return new TextDecoder(little ? 'utf-16le' : 'utf-16be').decode(data);
    },
  };
}

// IANA aliases the WHATWG label list lacks.
const WINDOWS_CODE_PAGES: Record<string, string> = {
  cp936: 'gbk',
  ms936: 'gbk',
  'windows-936': 'gbk',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  'windows-31j': 'shift_jis',
  cp949: 'euc-kr',
  cp950: 'big5',
  cp1250: 'windows-1250',
  cp1251: 'windows-1251',
  cp1252: 'windows-1252',
  cp1253: 'windows-1253',
  cp1254: 'windows-1254',
  cp1255: 'windows-1255',
  cp1256: 'windows-1256',
  cp1257: 'windows-1257',
  cp1258: 'windows-1258',
  cp866: 'ibm866',
};

const LATIN1_ALIASES = new Set([
  'iso-8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'cp819',
  'ibm819',
  'iso-ir-100',
  'csisolatin1',
]);
const ASCII_ALIASES = new Set(['us-ascii', 'ascii', 'us', 'iso646-us', 'ansi_x3.4-1968', 'csascii']);

/** A single-byte character set from its 256-entry byte-to-character table. */
function singleByte(name: string, table: string[], limit = 0xff): Charset {
  const reverse = new Map<string, number>();
  table.forEach((character, byte) => {
    if (byte <= limit && character !== '\ufffd' && !reverse.has(character)) reverse.set(character, byte);
  });
  return {
    name,
    encode(text) {
      return Uint8Array.from(Array.from(text), (character) => {
        const byte = reverse.get(character);
        if (byte === undefined) {
          throw new TextEncodingError(
            0,
            `the given string contains characters that cannot be represented in ${name}`,
          );
        }
        return byte;
      });
    },
    decode(bytes) {
      return Array.from(bytes, (byte) => (byte <= limit ? (table[byte] as string) : '\ufffd')).join('');
    },
  };
}

/** Looks up an IANA character set name or alias. */
export function charsetFor(label: string): Charset {
  const key = label.trim().toLowerCase();
  if (key === 'utf-8' || key === 'utf8') {
    return {
      name: 'UTF-8',
      encode: (text) => new TextEncoder().encode(text),
      decode: (bytes) => new TextDecoder('utf-8').decode(bytes),
    };
  }
  if (key === 'utf-16le') return utf16('UTF-16LE', true, false);
  if (key === 'utf-16be') return utf16('UTF-16BE', false, false);
  if (key === 'utf-16') return utf16('UTF-16', false, true);
  const identity = Array.from({ length: 256 }, (_, byte) => String.fromCharCode(byte));
  // The WHATWG decoders treat these labels as windows-1252; IANA means the real thing.
  if (LATIN1_ALIASES.has(key)) return singleByte('ISO-8859-1', identity);
  if (ASCII_ALIASES.has(key)) return singleByte('US-ASCII', identity, 0x7f);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(WINDOWS_CODE_PAGES[key] ?? key);
  } catch {
    throw unsupported(label);
  }
  if (decoder.encoding.startsWith('utf-') || decoder.encoding === 'replacement') throw unsupported(label);
  const name = canonicalName(decoder.encoding);
  const table: string[] = Array.from(decoder.decode(Uint8Array.from({ length: 256 }, (_, byte) => byte)));
  if (table.length === 256) return singleByte(name, table);
  return multiByte(name, decoder);
}

/**
 * Multi-byte character sets (GBK, Shift_JIS, Big5, ...): decoding is complete; encoding covers the
 * ASCII subset these share, and refuses other characters rather than guessing their bytes.
 */
function multiByte(name: string, decoder: InstanceType<typeof TextDecoder>): Charset {
  return {
    name,
    encode(text) {
      if (!/^[\x00-\x7f]*$/.test(text) || name === 'ISO-2022-JP') {
        throw new TextEncodingError(
          0,
          `the given string contains characters this evaluator cannot encode in ${name}`,
        );
      }
      return new TextEncoder().encode(text);
    },
    decode: (bytes) => decoder.decode(bytes),
  };
}

function canonicalName(encoding: string): string {
  if (encoding in CANONICAL_NAMES) return CANONICAL_NAMES[encoding] as string;
  if (/^(iso-|koi8-|euc-|ibm)/.test(encoding)) return encoding.toUpperCase();
  return encoding;
}
