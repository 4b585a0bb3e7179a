import { createSessionRequest, type CreatedSession } from "../../api-types/session.js";
import type { HostConfig } from "../config.js";
import { hostKeys } from "../front/auth/host-secret.js";
import { invalid, invalidInput } from "../refusal.js";
import { createSessionCipher } from "./session-cipher.js";
import { mintSessionToken } from "./session-token.js";
import { sealVerifier, sessionStoreOf, unlockSession } from "./session-unlock.js";
import type { GhostwireEnv } from "../ghostwire-env.js";

/**
 * POST /v1/sessions: a new, empty session. The token goes back to the client
 * and nowhere else; the host keeps nothing that can read the session.
 */
export async function createSession(env: GhostwireEnv, config: HostConfig, body: unknown): Promise<CreatedSession> {
  const parsed = createSessionRequest.safeParse(body ?? {});
  if (!parsed.success) throw invalidInput(parsed.error);
  const ttl = parsed.data.ttlSeconds ?? config.GHOSTWIRE_SESSION_TTL_SECONDS;
  if (ttl > config.GHOSTWIRE_SESSION_TTL_SECONDS) {
    throw invalid("ttl_too_large", `ttlSeconds is ${ttl}; this host allows at most ${config.GHOSTWIRE_SESSION_TTL_SECONDS}. Send a smaller ttlSeconds, or omit it to get the maximum.`);
  }
  const { token, parsed: minted } = await mintSessionToken((await hostKeys(config)).sessionIds);
  const cipher = await createSessionCipher(minted);
  const expiresAt = Date.now() + ttl * 1000;
  await sessionStoreOf(env, minted.id).create(expiresAt, await sealVerifier(cipher));
  return { session: token, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * DELETE /v1/sessions (token as a Bearer header) or /v1/sessions/:token.
 * Only the key's holder may burn: the key is proven first. Everything stored
 * is deleted, and the token is refused from then on.
 */
export async function burnSession(env: GhostwireEnv, token: unknown): Promise<void> {
  const { store } = await unlockSession(env, token);
  await store.burn();
}
