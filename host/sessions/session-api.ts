import { sessionApi } from "../../api-types/session.js";
import type { HostConfig } from "../config.js";
import type { RegisteredApi } from "../apis/registry.js";
import type { SessionLimits } from "./session-store.js";
import { unlockSession } from "./session-unlock.js";
import type { GhostwireEnv } from "../ghostwire-env.js";

/** What one sealed entry holds: its name, so list() can answer, and its value. */
interface Entry {
  k: string;
  v: unknown;
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
      const sealed = await store.read(slot);
      return sealed === null ? null : (await readEntry(slot, sealed)).v;
    },
    async set({ key, value }: { key: string; value: unknown }) {
      const plaintext = JSON.stringify({ k: key, v: value ?? null } satisfies Entry);
      const bytes = new TextEncoder().encode(plaintext).byteLength;
      if (bytes > config.GHOSTWIRE_SESSION_MAX_VALUE_BYTES) {
        throw new Error(
          `The entry "${key}" is ${bytes} bytes of JSON, name included; one entry may hold at most ${config.GHOSTWIRE_SESSION_MAX_VALUE_BYTES} (GHOSTWIRE_SESSION_MAX_VALUE_BYTES). Store less, or split it over several keys.`,
        );
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
