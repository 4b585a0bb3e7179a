import { z } from "zod";
import type { PendingApproval } from "../../api-types/approval.js";
import type { ExecuteRequest } from "../../api-types/execution.js";
import type { HostConfig } from "../config.js";
import type { GhostwireEnv } from "../ghostwire-env.js";
import { Refusal } from "../refusal.js";
import { createSessionCipher } from "../sessions/session-cipher.js";
import { APPROVAL_TOKEN_PREFIX, mintSessionToken } from "../sessions/session-token.js";
import { sealVerifier, unlockSession, type SealedKind } from "../sessions/session-unlock.js";
import { hostKeys } from "../front/auth/host-secret.js";
import type { PausedCall } from "./approval-gate.js";
import type { RecordedCall } from "./call-recording.js";

/**
 * Everything a paused execution needs to resume: the request as it was
 * validated (code, APIs, fuel, deadline, egress, check flag, session token),
 * the calls recorded before the pause, and the call waiting for a decision.
 */
export interface PausedRecord {
  readonly request: ExecuteRequest;
  readonly pending: PausedCall;
  readonly calls: readonly RecordedCall[];
}

const SLOT = "paused";

/** One refusal for every approval token that cannot be used, whatever the reason: the answer never tells which. */
function invalidApproval(): Refusal {
  return new Refusal(
    "forbidden",
    "invalid_approval",
    "This approval token cannot be used: it was already decided, it expired, or it is malformed or altered. Nothing ran. Run the code again to pause it anew.",
  );
}

/**
 * Paused executions live in SessionStore objects like sessions do, under
 * their own token prefix, id key and object names: a session token never
 * opens one, and the other way round.
 */
const PAUSED: SealedKind = {
  prefix: APPROVAL_TOKEN_PREFIX,
  idKey: (keys) => keys.approvalIds,
  storeOf: (env, id) => env.SESSIONS.get(env.SESSIONS.idFromName(`approval:${id}`)),
  refusal: invalidApproval,
};

const reply = z.union([z.strictObject({ ok: z.literal(true), json: z.string().optional() }), z.strictObject({ ok: z.literal(false), name: z.string(), message: z.string() })]);
const recordedCall = z.strictObject({ api: z.string(), method: z.string(), inputJson: z.string(), reply });
const pausedRecord = z.strictObject({
  request: z.record(z.string(), z.unknown()),
  pending: z.strictObject({ api: z.string(), method: z.string(), input: z.unknown(), inputJson: z.string(), reason: z.string() }),
  calls: z.array(recordedCall),
});

/**
 * Seals `record` under a fresh key and stores the ciphertext alone, in a new
 * object that deletes itself at GHOSTWIRE_APPROVAL_TTL_SECONDS. The key
 * exists only in the returned token. Throws a sentence when the record is
 * over GHOSTWIRE_APPROVAL_MAX_BYTES.
 */
export async function keepPaused(env: GhostwireEnv, config: HostConfig, record: PausedRecord): Promise<PendingApproval> {
  const json = JSON.stringify(record);
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes > config.GHOSTWIRE_APPROVAL_MAX_BYTES) {
    throw new Error(`what it would keep (code, recorded calls and results) is ${bytes} bytes; the limit is ${config.GHOSTWIRE_APPROVAL_MAX_BYTES} (GHOSTWIRE_APPROVAL_MAX_BYTES). Make fewer or smaller calls before it.`);
  }
  const { token, parsed } = await mintSessionToken((await hostKeys(config)).approvalIds, APPROVAL_TOKEN_PREFIX);
  const cipher = await createSessionCipher(parsed);
  const expiresAt = Date.now() + config.GHOSTWIRE_APPROVAL_TTL_SECONDS * 1000;
  const store = PAUSED.storeOf(env, parsed.id);
  await store.create(expiresAt, await sealVerifier(cipher));
  const sealed = await cipher.seal(SLOT, json);
  const refused = await store.write(SLOT, sealed, { maxKeys: 1, maxBytes: sealed.byteLength });
  if (refused !== null) throw new Error(refused);
  const { api, method, input, reason } = record.pending;
  return { approval: token, call: { api, method, input, reason }, expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * The paused execution `token` opens, deleted from storage in the same step:
 * a second decision, an expired, unknown, altered or malformed token all get
 * the same 403, counted as a failed attempt (host/front/auth/failed-attempts.ts).
 */
export async function takePaused(env: GhostwireEnv, token: unknown): Promise<PausedRecord> {
  const { store, cipher } = await unlockSession(env, token, PAUSED);
  const sealed = await store.take(SLOT);
  if (sealed === null) throw invalidApproval();
  const parsed = pausedRecord.safeParse(JSON.parse(await cipher.open(SLOT, sealed)));
  if (!parsed.success) throw invalidApproval();
  return parsed.data as unknown as PausedRecord;
}
