import type { HostConfig } from "../../config.js";

/**
 * The host's own keys, derived with HKDF-SHA256 from GHOSTWIRE_HOST_SECRET
 * (a Worker secret) so that every isolate of a deployment derives the same
 * ones:
 * - `sessionIds` (HMAC-SHA256) authenticates the session id inside each
 *   session token, so a forged or probed token is refused in memory, before
 *   any Durable Object is reached;
 * - `approvalIds` (HMAC-SHA256) does the same for approval tokens, so a
 *   session token can never pass for one, nor the other way round;
 * - `addresses` (HMAC-SHA256) turns a client address into the pseudonym the
 *   failed-attempt limiter counts under, so the limiter never holds an
 *   address in the clear.
 *
 * Unset (local development), each isolate draws a random secret on first
 * use. Then session tokens do not outlive the isolate that minted them (a
 * restart of `npm start` refuses every earlier token), and a deployment
 * whose requests land on several isolates would refuse tokens at random:
 * production must set the secret. Changing it refuses every session token
 * minted before, which is how to revoke them all at once.
 */
export interface HostKeys {
  readonly sessionIds: CryptoKey;
  readonly approvalIds: CryptoKey;
  readonly addresses: CryptoKey;
}

/** Bytes of the random secret an isolate draws when GHOSTWIRE_HOST_SECRET is unset. */
const ISOLATE_SECRET_BYTES = 32;

let isolateSecret: Uint8Array | undefined;
let cached: { secret: string | undefined; keys: Promise<HostKeys> } | undefined;

async function deriveKeys(secret: Uint8Array): Promise<HostKeys> {
  const master = await crypto.subtle.importKey("raw", secret, "HKDF", false, ["deriveKey"]);
  const derive = (info: string) =>
    crypto.subtle.deriveKey(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(), info: new TextEncoder().encode(`ghostwire-host:${info}`) },
      master,
      { name: "HMAC", hash: "SHA-256", length: 256 },
      false,
      ["sign"],
    );
  const [sessionIds, approvalIds, addresses] = await Promise.all([derive("session-ids"), derive("approval-ids"), derive("client-addresses")]);
  return { sessionIds, approvalIds, addresses };
}

/** The keys of this host, derived once per secret and isolate. */
export function hostKeys(config: HostConfig): Promise<HostKeys> {
  const secret = config.GHOSTWIRE_HOST_SECRET;
  if (cached === undefined || cached.secret !== secret) {
    // Drawn lazily: Workers allow random values only while handling a request.
    const bytes = secret === undefined ? (isolateSecret ??= crypto.getRandomValues(new Uint8Array(ISOLATE_SECRET_BYTES))) : new TextEncoder().encode(secret);
    cached = { secret, keys: deriveKeys(bytes) };
  }
  return cached.keys;
}

/** HMAC-SHA256 of `data` under `key`, cut to its first `bytes` bytes. */
export async function macOf(key: CryptoKey, data: Uint8Array | string, bytes: number): Promise<Uint8Array> {
  const input = typeof data === "string" ? new TextEncoder().encode(data) : data;
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, input)).slice(0, bytes);
}
