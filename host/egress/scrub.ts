/**
 * Scrubbing: removes secret values from what the gateway hands back to the
 * sandbox (status text, header names and values, body bytes).
 *
 * It finds each secret as sent and in the encodings an echoing upstream is
 * likely to apply: percent-encoding, JSON string escaping, and base64 or
 * base64url at any byte alignment (so a secret inside a larger encoded blob
 * is found too). An upstream that transforms a credential arbitrarily (hashes,
 * reverses or re-cases it) can defeat any scrubber; such an upstream must not
 * be given a credential.
 */

export const REDACTED = "[REDACTED]";

/** A byte string: one UTF-16 unit per byte, so text and binary bodies are scrubbed alike. */
type ByteString = string;

const CHUNK = 0x8000;

function toByteString(bytes: Uint8Array): ByteString {
  let out = "";
  for (let i = 0; i < bytes.length; i += CHUNK) out += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return out;
}

function fromByteString(text: ByteString): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const utf8 = (text: string): ByteString => toByteString(new TextEncoder().encode(text));

/** The base64 characters that depend only on `secret`, for each of the three alignments it can have in a larger blob. */
function base64Cores(secret: ByteString): string[] {
  const cores: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = btoa("\0".repeat(pad) + secret);
    const start = Math.ceil((pad * 4) / 3);
    const end = Math.floor(((pad + secret.length) * 4) / 3);
    const core = encoded.slice(start, end);
    if (core.length >= 8) cores.push(core, core.replaceAll("+", "-").replaceAll("/", "_"));
  }
  return cores;
}

/** Every spelling of `secret` to remove, as byte strings, longest first. */
function spellings(secret: string): ByteString[] {
  const raw = utf8(secret);
  const found = new Set([raw, utf8(encodeURIComponent(secret)), utf8(JSON.stringify(secret).slice(1, -1)), ...base64Cores(raw)]);
  return [...found].sort((a, b) => b.length - a.length);
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
  const patterns = [...new Set(secrets.flatMap(spellings))].sort((a, b) => b.length - a.length);
  const redactedBytes = utf8(REDACTED);
  const scrubBytes = (text: ByteString): ByteString => patterns.reduce((out, pattern) => (out.includes(pattern) ? out.replaceAll(pattern, redactedBytes) : out), text);
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
