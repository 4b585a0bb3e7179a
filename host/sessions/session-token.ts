/**
 * The opaque session token: "gws1." + base64url(session id ‖ AES-256 key).
 * The id names the Durable Object that holds the ciphertext; the key is the
 * only way to read it. The host never stores the token or the key: they
 * exist in host memory only while a request that presents the token runs.
 */
const PREFIX = "gws1.";
const ID_BYTES = 16;
const KEY_BYTES = 32;
const TOKEN_LENGTH = PREFIX.length + Math.ceil(((ID_BYTES + KEY_BYTES) * 4) / 3);

export interface SessionToken {
  /** 32 hex characters; the Durable Object's name. Not secret on its own. */
  readonly id: string;
  /** The raw 256-bit key. Secret. */
  readonly key: Uint8Array;
}

const toHex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** base64url without padding: the token's body, and the cipher's slot names. */
export function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A fresh token: a random id and a fresh key from Web Crypto's CSPRNG. */
export function mintSessionToken(): { token: string; parsed: SessionToken } {
  const bytes = crypto.getRandomValues(new Uint8Array(ID_BYTES + KEY_BYTES));
  const parsed = { id: toHex(bytes.subarray(0, ID_BYTES)), key: bytes.slice(ID_BYTES) };
  return { token: PREFIX + toBase64Url(bytes), parsed };
}

/** Parses a token; undefined for anything that is not exactly a well-formed token. */
export function parseSessionToken(token: unknown): SessionToken | undefined {
  if (typeof token !== "string" || token.length !== TOKEN_LENGTH || !token.startsWith(PREFIX)) return undefined;
  const body = token.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  let binary: string;
  try {
    binary = atob(body.replaceAll("-", "+").replaceAll("_", "/"));
  } catch {
    return undefined;
  }
  if (binary.length !== ID_BYTES + KEY_BYTES) return undefined;
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return { id: toHex(bytes.subarray(0, ID_BYTES)), key: bytes.slice(ID_BYTES) };
}
