import { sessionApi } from "../../api-types/session.js";
import type { HostConfig } from "../config.js";
import type { RegisteredApi } from "../apis/registry.js";
import { SESSION_ENDED_MESSAGE, type SessionLimits } from "./session-store.js";
import { ApiError } from "../../api-types/call-errors.js";
import { unlockSession } from "./session-unlock.js";
import type { GhostwireEnv } from "../ghostwire-env.js";

/** What one sealed entry holds: its name, so list() can answer, and its value. */
interface Entry {
  k: string;
  v: unknown;
}

/** A store call whose failure, when the session ended under the execution, is the contract's SessionEnded. */
async function live<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof Error && error.message === SESSION_ENDED_MESSAGE) throw new ApiError("SessionEnded", SESSION_ENDED_MESSAGE);
    throw error;
  }
}

/**
 * The `session` API for one execution, after the token's key is proven. Its
 * handlers hold the derived keys in memory for as long as the execution runs
 * and go with it; the Durable Object only ever receives slot names (HMACs)
 * and sealed bytes. A refused token is the 403 of unlockSession, before any
 * code runs.
 */
export async function openSession(env: GhostwireEnv, config: HostConfig, token: unknown): Promise<RegisteredApi> {
  const { store, cipher } = await unlockSession(env, token);
  const limits: SessionLimits = { maxKeys: config.GHOSTWIRE_SESSION_MAX_KEYS, maxBytes: config.GHOSTWIRE_SESSION_MAX_BYTES };
  const readEntry = async (slot: string, sealed: Uint8Array) => JSON.parse(await cipher.open(slot, sealed)) as Entry;
  const handlers = {
    async get({ key }: { key: string }) {
      const slot = await cipher.slotOf(key);
      const sealed = await live(store.read(slot));
      return sealed === null ? null : (await readEntry(slot, sealed)).v;
    },
    async set({ key, value }: { key: string; value: unknown }) {
      const plaintext = JSON.stringify({ k: key, v: value ?? null } satisfies Entry);
      const bytes = new TextEncoder().encode(plaintext).byteLength;
      if (bytes > config.GHOSTWIRE_SESSION_MAX_VALUE_BYTES) {
        throw new ApiError(
          "SessionLimitExceeded",
          `The entry "${key}" is ${bytes} bytes of JSON, name included; one entry may hold at most ${config.GHOSTWIRE_SESSION_MAX_VALUE_BYTES} (GHOSTWIRE_SESSION_MAX_VALUE_BYTES). Store less, or split it over several keys.`,
        );
      }
      const slot = await cipher.slotOf(key);
      const refused = await live(store.write(slot, await cipher.seal(slot, plaintext), limits));
      if (refused !== null) throw new ApiError("SessionLimitExceeded", refused);
      return null;
    },
    async delete({ key }: { key: string }) {
      return live(store.remove(await cipher.slotOf(key)));
    },
    async list() {
      const entries = await live(store.readAll());
      const names = await Promise.all(entries.map(async ({ slot, sealed }) => (await readEntry(slot, sealed)).k));
      return names.sort();
    },
  };
  return { contract: sessionApi, handlers };
}
