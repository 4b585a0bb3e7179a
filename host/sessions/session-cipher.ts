import { toBase64Url } from "../bytes.js";
import type { SessionToken } from "./session-token.js";

/**
 * The cryptography of one open session, derived from the token's key with
 * HKDF-SHA256 into two keys that never leave host memory:
 * - an AES-256-GCM key that seals every stored value, with a fresh 96-bit IV
 *   each time and the session id and slot as additional data, so a
 *   ciphertext cannot be moved to another slot or session;
 * - an HMAC-SHA256 key that turns entry names into slot names, so the store
 *   never holds a name in the clear.
 */
export interface SessionCipher {
  seal(slot: string, plaintext: string): Promise<Uint8Array>;
  /** Throws when the ciphertext was not sealed by this key for this slot. */
  open(slot: string, sealed: Uint8Array): Promise<string>;
  slotOf(name: string): Promise<string>;
}

const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });


export async function createSessionCipher(token: Pick<SessionToken, "id" | "key">): Promise<SessionCipher> {
  const master = await crypto.subtle.importKey("raw", token.key, "HKDF", false, ["deriveKey"]);
  const salt = encoder.encode(`ghostwire-session:${token.id}`);
  const derive = (info: string, algorithm: SubtleCryptoImportKeyAlgorithm, usages: string[]) =>
    crypto.subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt, info: encoder.encode(info) }, master, algorithm, false, usages);
  const [sealing, naming] = await Promise.all([
    derive("values", { name: "AES-GCM", length: 256 }, ["encrypt", "decrypt"]),
    derive("names", { name: "HMAC", hash: "SHA-256", length: 256 }, ["sign"]),
  ]);
  const aad = (slot: string) => encoder.encode(`${token.id}/${slot}`);
  return {
    async seal(slot, plaintext) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const body = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad(slot) }, sealing, encoder.encode(plaintext)));
      const sealed = new Uint8Array(IV_BYTES + body.byteLength);
      sealed.set(iv);
      sealed.set(body, IV_BYTES);
      return sealed;
    },
    async open(slot, sealed) {
      const iv = sealed.subarray(0, IV_BYTES);
      const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv, additionalData: aad(slot) }, sealing, sealed.subarray(IV_BYTES));
      return decoder.decode(plain);
    },
    async slotOf(name) {
      return toBase64Url(new Uint8Array(await crypto.subtle.sign("HMAC", naming, encoder.encode(name))));
    },
  };
}
