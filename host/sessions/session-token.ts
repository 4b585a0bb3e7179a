import { macOf } from "../front/auth/host-secret.js";
import { fromBase64Url, toBase64Url, toHex } from "../bytes.js";

/**
 * The opaque session token: "gws2." + base64url(session id ‖ id tag ‖ AES-256 key).
 * The id names the Durable Object that holds the ciphertext; the tag is the
 * HMAC of the id under the host's session-id key (host/front/auth/host-secret.ts), so
 * only ids this host minted are ever looked up; the key is the only way to
 * read the session. The host never stores the token or the key: they exist
 * in host memory only while a request that presents the token runs.
 */
const PREFIX = "gws2.";
/** The prefix of approval tokens (host/approvals/paused-store.ts): the same layout, another kind of record. */
export const APPROVAL_TOKEN_PREFIX = "gwa1.";
const ID_BYTES = 16;
/** 128 bits of HMAC-SHA256: forging one takes 2^128 guesses, each a counted failure. */
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const BODY_BYTES = ID_BYTES + TAG_BYTES + KEY_BYTES;
const BODY_LENGTH = Math.ceil((BODY_BYTES * 4) / 3);

export interface SessionToken {
  /** 32 hex characters; the Durable Object's name. Not secret on its own. */
  readonly id: string;
  /** The HMAC of the id's bytes under the session-id key, as presented. Not checked yet. */
  readonly tag: Uint8Array;
  /** The raw 256-bit key. Secret. */
  readonly key: Uint8Array;
}

const fromHex = (hex: string) => Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));

/** The tag of a session id under `idKey`. */
function tagOf(idKey: CryptoKey, id: string): Promise<Uint8Array> {
  return macOf(idKey, fromHex(id), TAG_BYTES);
}

/** A fresh token: a random id, its tag under `idKey`, and a fresh key, from Web Crypto's CSPRNG. `prefix` names its kind. */
export async function mintSessionToken(idKey: CryptoKey, prefix = PREFIX): Promise<{ token: string; parsed: SessionToken }> {
  const id = crypto.getRandomValues(new Uint8Array(ID_BYTES));
  const key = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
  const tag = await tagOf(idKey, toHex(id));
  const body = new Uint8Array(BODY_BYTES);
  body.set(id);
  body.set(tag, ID_BYTES);
  body.set(key, ID_BYTES + TAG_BYTES);
  return { token: prefix + toBase64Url(body), parsed: { id: toHex(id), tag, key } };
}

/** Parses a token of the kind `prefix` names; undefined for anything that is not exactly a well-formed token. Says nothing about its tag. */
export function parseSessionToken(token: unknown, prefix = PREFIX): SessionToken | undefined {
  if (typeof token !== "string" || token.length !== prefix.length + BODY_LENGTH || !token.startsWith(prefix)) return undefined;
  const body = token.slice(prefix.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(body);
  } catch {
    return undefined;
  }
  if (bytes.length !== BODY_BYTES) return undefined;
  return { id: toHex(bytes.subarray(0, ID_BYTES)), tag: bytes.slice(ID_BYTES, ID_BYTES + TAG_BYTES), key: bytes.slice(ID_BYTES + TAG_BYTES) };
}

/** Whether the token's tag is the HMAC of its id under `idKey`, compared in constant time. */
export async function hasGenuineId(idKey: CryptoKey, token: SessionToken): Promise<boolean> {
  return crypto.subtle.timingSafeEqual(await tagOf(idKey, token.id), token.tag);
}
