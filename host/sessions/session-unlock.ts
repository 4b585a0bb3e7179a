import { HttpError } from "../http-error";
import { createSessionCipher, type SessionCipher } from "./session-cipher";
import type { SessionStore } from "./session-store";
import { parseSessionToken, type SessionToken } from "./session-token";

/** The slot of the verifier, which no HMAC slot name can equal ("~" is not base64url). */
const VERIFIER_SLOT = "~verifier";
const VERIFIER_TEXT = "ghostwire-session-verifier";

/** An open session: its object and the cipher derived from the presented key. Lives as long as the request. */
export interface UnlockedSession {
  readonly store: DurableObjectStub<SessionStore>;
  readonly cipher: SessionCipher;
}

/** The one refusal for every token that cannot be used, whatever the reason. */
export function invalidSession(): HttpError {
  return new HttpError(
    403,
    "invalid_session",
    "This session token is not valid: it is malformed, altered, burnt or expired. Nothing was read or changed. Create a new session with POST /v1/sessions.",
  );
}

/** The Durable Object of a session id. The id is not secret; the key is. */
export function sessionStoreOf(env: Env, id: string): DurableObjectStub<SessionStore> {
  return env.SESSIONS.get(env.SESSIONS.idFromName(id));
}

/** The verifier a new session stores: a constant sealed under its key, so a wrong key can be told from an empty session. */
export function sealVerifier(cipher: SessionCipher): Promise<Uint8Array> {
  return cipher.seal(VERIFIER_SLOT, VERIFIER_TEXT);
}

/**
 * Proves the token's key against the stored verifier. Any failure, whether a
 * malformed token, an unknown, burnt or expired session, or a wrong key, is
 * the same 403: the answer never tells which. Nothing is written on the way:
 * probing an id that does not exist leaves no trace in storage.
 */
export async function unlockSession(env: Env, token: unknown): Promise<UnlockedSession> {
  const parsed: SessionToken | undefined = parseSessionToken(token);
  if (parsed === undefined) throw invalidSession();
  const store = sessionStoreOf(env, parsed.id);
  const described = await store.describe();
  if (described === null) throw invalidSession();
  const cipher = await createSessionCipher(parsed);
  let opened: string;
  try {
    opened = await cipher.open(VERIFIER_SLOT, described.verifier);
  } catch {
    throw invalidSession();
  }
  if (opened !== VERIFIER_TEXT) throw invalidSession();
  return { store, cipher };
}
