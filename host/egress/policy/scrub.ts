/**
 * Scrubbing: removes secret values from what the gateway hands back to the
 * sandbox (status text, header names and values, body bytes).
 *
 * It finds each secret as sent and in the encodings an echoing upstream is
 * likely to apply: percent-encoding, JSON string escaping, and base64 or
 * base64url at any byte alignment (so a secret inside a larger encoded blob
 * is found too, and removed with the characters at its edges that mix its
 * bits with its neighbours'). An upstream that transforms a credential arbitrarily (hashes,
 * reverses or re-cases it) can defeat any scrubber; such an upstream must not
 * be given a credential.
 */

export const REDACTED = "[REDACTED]";

/** A byte string: one UTF-16 unit per byte, so text and binary bodies are scrubbed alike. */
type ByteString = string;

/**
 * Widens each byte to a UTF-16 code unit and decodes those natively: an order
 * of magnitude faster on a large body than String.fromCharCode over chunks.
 * Units 0-255 are never surrogates or a byte-order mark, so decoding is
 * lossless. Uint16Array uses the platform's byte order, little-endian on
 * every platform workerd runs on.
 */
const UTF16_UNITS = new TextDecoder("utf-16le");

function toByteString(bytes: Uint8Array): ByteString {
  return UTF16_UNITS.decode(new Uint16Array(bytes));
}

function fromByteString(text: ByteString): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const utf8 = (text: string): ByteString => toByteString(new TextEncoder().encode(text));

/**
 * One spelling of a secret to remove. A base64 spelling is the run of
 * characters that depend only on the secret; where the secret does not start
 * or end on a 3-byte group boundary, the character just before or after that
 * run mixes secret bits with its neighbour's, and is removed too.
 */
interface Spelling {
  readonly text: ByteString;
  /** Whether the base64 character just before `text` carries secret bits. */
  readonly before: boolean;
  /** Whether the base64 character just after `text` carries secret bits. */
  readonly after: boolean;
}

/** Both base64 alphabets: an edge character is removed only when it is one of these. */
const BASE64_CHAR = /^[A-Za-z0-9+/_-]$/;

/** The base64 spellings of `secret`, for each of the three byte alignments it can have in a larger blob, in both alphabets. */
function base64Spellings(secret: ByteString): Spelling[] {
  const found: Spelling[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = btoa("\0".repeat(pad) + secret);
    const start = Math.ceil((pad * 4) / 3);
    const end = Math.floor(((pad + secret.length) * 4) / 3);
    const core = encoded.slice(start, end);
    const before = pad !== 0;
    const after = (pad + secret.length) % 3 !== 0;
    if (core.length >= 8) found.push({ text: core, before, after }, { text: core.replaceAll("+", "-").replaceAll("/", "_"), before, after });
  }
  return found;
}

/** Every spelling of `secret` to remove. */
function spellings(secret: string): Spelling[] {
  const raw = utf8(secret);
  const plain = [raw, utf8(encodeURIComponent(secret)), utf8(JSON.stringify(secret).slice(1, -1))].map((text): Spelling => ({ text, before: false, after: false }));
  return [...plain, ...base64Spellings(raw)];
}

/** The spellings of all `secrets`, one per text (edges merged), longest first. */
function patternsOf(secrets: readonly string[]): Spelling[] {
  const byText = new Map<ByteString, Spelling>();
  for (const spelling of secrets.flatMap(spellings)) {
    const seen = byText.get(spelling.text);
    byText.set(spelling.text, seen === undefined ? spelling : { text: spelling.text, before: seen.before || spelling.before, after: seen.after || spelling.after });
  }
  return [...byText.values()].sort((a, b) => b.text.length - a.text.length);
}

/** `text` with every occurrence of `pattern`, and the base64 edge characters it names, replaced by `redacted`; `text` itself when none occurs. */
function cut(text: ByteString, pattern: Spelling, redacted: ByteString): ByteString {
  let at = text.indexOf(pattern.text);
  if (at === -1) return text;
  let out = "";
  let from = 0;
  while (at !== -1) {
    const start = pattern.before && at > from && BASE64_CHAR.test(text[at - 1]) ? at - 1 : at;
    let end = at + pattern.text.length;
    if (pattern.after && end < text.length && BASE64_CHAR.test(text[end])) end++;
    out += text.slice(from, start) + redacted;
    from = end;
    at = text.indexOf(pattern.text, from);
  }
  return out + text.slice(from);
}

export interface Scrubber {
  /** `text` with every secret spelling replaced by REDACTED. */
  text(text: string): string;
  /** `bytes` with every secret spelling replaced; the same array when none occurs. */
  bytes(bytes: Uint8Array): Uint8Array;
  /** A copy of `headers` with secrets removed from values; a header whose name holds one is dropped. */
  headers(headers: Headers): Headers;
}

/** A scrubber for `secrets`. Construction costs a few encodings per secret; build it once per execution. */
export function createScrubber(secrets: readonly string[]): Scrubber {
  const patterns = patternsOf(secrets);
  const redactedBytes = utf8(REDACTED);
  const scrubBytes = (text: ByteString): ByteString => patterns.reduce((out, pattern) => cut(out, pattern, redactedBytes), text);
  const text = (value: string): string => {
    const bytes = utf8(value);
    const scrubbed = scrubBytes(bytes);
    return scrubbed === bytes ? value : new TextDecoder().decode(fromByteString(scrubbed));
  };
  return {
    text,
    bytes(bytes) {
      if (patterns.length === 0) return bytes;
      const before = toByteString(bytes);
      const after = scrubBytes(before);
      return after === before ? bytes : fromByteString(after);
    },
    headers(headers) {
      const out = new Headers();
      for (const [name, value] of headers) {
        if (name === "set-cookie" || text(name) !== name) continue;
        out.append(name, text(value));
      }
      for (const cookie of headers.getSetCookie()) out.append("set-cookie", text(cookie));
      return out;
    },
  };
}
