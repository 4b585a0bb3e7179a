import { loadConfig } from "../config.js";
import { checkToken, tooManyFailedAttempts } from "../front/auth/failed-attempts.js";
import { hostKeys, type HostKeys } from "../front/auth/host-secret.js";
import { Refusal } from "../refusal.js";
import { createSessionCipher, type SessionCipher } from "./session-cipher.js";
import type { SessionStore } from "./session-store.js";
import { hasGenuineId, parseSessionToken } from "./session-token.js";
import type { GhostwireEnv } from "../ghostwire-env.js";

/** The slot of the verifier, which no HMAC slot name can equal ("~" is not base64url). */
const VERIFIER_SLOT = "~verifier";
const VERIFIER_TEXT = "ghostwire-session-verifier";

/** An open session: its object and the cipher derived from the presented key. Lives as long as the request. */
export interface UnlockedSession {
  readonly store: DurableObjectStub<SessionStore>;
  readonly cipher: SessionCipher;
}

/** The one refusal for every token that cannot be used, whatever the reason. */
export function invalidSession(): Refusal {
  return new Refusal(
    "forbidden",
    "invalid_session",
    "This session token is not valid: it is malformed, altered, burnt or expired. Nothing was read or changed. Create a new session with POST /v1/sessions.",
  );
}

/** The Durable Object of a session id. The id is not secret; the key is. */
export function sessionStoreOf(env: GhostwireEnv, id: string): DurableObjectStub<SessionStore> {
  return env.SESSIONS.get(env.SESSIONS.idFromName(id));
}

/**
 * A kind of sealed record kept in SessionStore objects under a token of the
 * session token's layout: sessions, and paused executions
 * (host/approvals/paused-store.ts). Each kind has its own token prefix, id
 * key and object names, so a token of one kind never opens the other.
 */
export interface SealedKind {
  readonly prefix?: string;
  idKey(keys: HostKeys): CryptoKey;
  storeOf(env: GhostwireEnv, id: string): DurableObjectStub<SessionStore>;
  /** The one refusal for every token of this kind that cannot be used. */
  refusal(): Refusal;
}

const SESSIONS: SealedKind = { idKey: (keys) => keys.sessionIds, storeOf: sessionStoreOf, refusal: invalidSession };

/** The verifier a new session stores: a constant sealed under its key, so a wrong key can be told from an empty session. */
export function sealVerifier(cipher: SessionCipher): Promise<Uint8Array> {
  return cipher.seal(VERIFIER_SLOT, VERIFIER_TEXT);
}

/**
 * Proves the token's key against the stored verifier. Any failure, whether a
 * malformed token, a forged or altered id, an unknown, burnt or expired
 * session, or a wrong key, is the same 403: the answer never tells which,
 * and it counts as a failed attempt (host/front/auth/failed-attempts.ts), so a caller
 * past that limit gets a 429 instead. A token whose id this host did not
 * mint is refused in memory: no Durable Object is reached, so a forged or
 * probed token creates no object and no file. Nothing is written on the way.
 */
export async function unlockSession(env: GhostwireEnv, token: unknown, kind: SealedKind = SESSIONS): Promise<UnlockedSession> {
  const keys = await hostKeys(loadConfig(env));
  let unlocked: UnlockedSession | undefined;
  const outcome = await checkToken(async () => {
    const parsed = parseSessionToken(token, kind.prefix);
    if (parsed === undefined || !(await hasGenuineId(kind.idKey(keys), parsed))) return false;
    const store = kind.storeOf(env, parsed.id);
    const described = await store.describe();
    if (described === null) return false;
    const cipher = await createSessionCipher(parsed);
    try {
      if ((await cipher.open(VERIFIER_SLOT, described.verifier)) !== VERIFIER_TEXT) return false;
    } catch {
      return false;
    }
    unlocked = { store, cipher };
    return true;
  });
  if (outcome === "limited") throw tooManyFailedAttempts();
  if (unlocked === undefined) throw kind.refusal();
  return unlocked;
}
