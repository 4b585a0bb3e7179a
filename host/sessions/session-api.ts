import { createSessionRequest, sessionApi, type CreatedSession } from "../../api-types/session";
import type { HostConfig } from "../config";
import { HttpError, badRequest } from "../http-error";
import type { RegisteredApi } from "../registry";
import { createSessionCipher, type SessionCipher } from "./session-cipher";
import type { SessionLimits, SessionStore } from "./session-store";
import { mintSessionToken, parseSessionToken, type SessionToken } from "./session-token";

/** The slot of the verifier, which no HMAC slot name can equal ("~" is not base64url). */
const VERIFIER_SLOT = "~verifier";
const VERIFIER_TEXT = "ghostwire-session-verifier";

const invalidSession = () =>
  new HttpError(
    403,
    "invalid_session",
    "This session token is not valid: it is malformed, altered, burnt or expired. Nothing was read or changed. Create a new session with POST /v1/sessions.",
  );

function storeOf(env: Env, id: string): DurableObjectStub<SessionStore> {
  return env.SESSIONS.get(env.SESSIONS.idFromName(id));
}

/**
 * Proves the token's key against the stored verifier and returns the
 * session's store and cipher. Any failure, whether a malformed token, an
 * unknown or ended session, or a wrong key, is the same 403: the answer
 * never tells which.
 */
async function unlock(env: Env, token: unknown): Promise<{ store: DurableObjectStub<SessionStore>; cipher: SessionCipher; parsed: SessionToken }> {
  const parsed = parseSessionToken(token);
  if (parsed === undefined) throw invalidSession();
  const store = storeOf(env, parsed.id);
  const described = await store.describe();
  if (described === null) throw invalidSession();
  const cipher = await createSessionCipher(parsed);
  try {
    if ((await cipher.open(VERIFIER_SLOT, described.verifier)) !== VERIFIER_TEXT) throw invalidSession();
  } catch {
    throw invalidSession();
  }
  return { store, cipher, parsed };
}

/** POST /v1/sessions: a new, empty session. The host keeps nothing that can read it. */
export async function createSession(env: Env, config: HostConfig, body: unknown): Promise<CreatedSession> {
  const parsed = createSessionRequest.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest("invalid_request", `${issue.path.length > 0 ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
  }
  const ttl = parsed.data.ttlSeconds ?? config.GHOSTWIRE_SESSION_TTL_SECONDS;
  if (ttl > config.GHOSTWIRE_SESSION_TTL_SECONDS) {
    throw badRequest("ttl_too_large", `ttlSeconds is ${ttl}; this host allows at most ${config.GHOSTWIRE_SESSION_TTL_SECONDS}. Send a smaller ttlSeconds, or omit it to get the maximum.`);
  }
  const { token, parsed: minted } = mintSessionToken();
  const cipher = await createSessionCipher(minted);
  const expiresAt = Date.now() + ttl * 1000;
  await storeOf(env, minted.id).create(expiresAt, await cipher.seal(VERIFIER_SLOT, VERIFIER_TEXT));
  return { session: token, expiresAt: new Date(expiresAt).toISOString() };
}

/** Burns a session: everything stored is deleted, and the token is refused from then on. */
export async function burnSession(env: Env, token: unknown): Promise<void> {
  const { store } = await unlock(env, token);
  await store.burn();
}

/**
 * The `session` API for one execution. Its handlers hold the derived keys in
 * memory for as long as the execution runs; they go with it.
 */
export async function openSession(env: Env, config: HostConfig, token: unknown): Promise<RegisteredApi> {
  const { store, cipher } = await unlock(env, token);
  const limits: SessionLimits = { maxKeys: config.GHOSTWIRE_SESSION_MAX_KEYS, maxBytes: config.GHOSTWIRE_SESSION_MAX_BYTES };
  const readEntry = async (slot: string, sealed: Uint8Array) => JSON.parse(await cipher.open(slot, sealed)) as { k: string; v: unknown };
  const handlers = {
    async get({ key }: { key: string }) {
      const slot = await cipher.slotOf(key);
      const sealed = await store.read(slot);
      return sealed === null ? null : (await readEntry(slot, sealed)).v;
    },
    async set({ key, value }: { key: string; value: unknown }) {
      const plaintext = JSON.stringify({ k: key, v: value ?? null });
      const bytes = new TextEncoder().encode(plaintext).byteLength;
      if (bytes > config.GHOSTWIRE_SESSION_MAX_VALUE_BYTES) {
        throw new Error(`The value for "${key}" is ${bytes} bytes of JSON; one entry may hold at most ${config.GHOSTWIRE_SESSION_MAX_VALUE_BYTES}.`);
      }
      const slot = await cipher.slotOf(key);
      const refused = await store.write(slot, await cipher.seal(slot, plaintext), limits);
      if (refused !== null) throw new Error(refused);
      return null;
    },
    async delete({ key }: { key: string }) {
      return store.remove(await cipher.slotOf(key));
    },
    async list() {
      const entries = await store.readAll();
      const names = await Promise.all(entries.map(async ({ slot, sealed }) => (await readEntry(slot, sealed)).k));
      return names.sort();
    },
  };
  return { contract: sessionApi, handlers };
}
