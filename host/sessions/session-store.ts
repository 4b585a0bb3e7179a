import { DurableObject } from "cloudflare:workers";

/** The caps the host passes with each write (host config). */
export interface SessionLimits {
  readonly maxKeys: number;
  readonly maxBytes: number;
}

interface Meta {
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The verifier: a constant sealed under the session key, to tell a wrong key from an empty session. */
  verifier: Uint8Array;
  /** Entries stored, and the bytes of their ciphertext. */
  count: number;
  bytes: number;
}

const META = "meta";
const VALUE = "v:";

/**
 * Thrown when a session ends under a running execution: that API call fails
 * with this sentence, which host/sessions/session-api.ts names SessionEnded
 * (a Durable Object's error reaches its caller with its message only).
 */
export const SESSION_ENDED_MESSAGE = "This session was burnt or expired while the execution ran; nothing was read or changed. Create a new session with POST /v1/sessions.";

/**
 * One session's state, in the Durable Object named by the session id. It
 * holds only what the host hands it already sealed: ciphertext under slot
 * names that are HMACs of the entry names, plus the expiry and the sizes it
 * enforces. It never sees a key, a name or a value in the clear, so nothing
 * it stores can be read without the token. Eviction loses nothing: the
 * state lives in storage, not in memory.
 *
 * Burn and expiry delete everything, alarm included. No tombstone is kept:
 * a burnt or expired session has no verifier left, every token for it is
 * refused from then on, and a new session can never reuse the id because
 * ids are 128 random bits minted by the host.
 *
 * A plain DurableObject, not the `agents` Agent class: an Agent creates its
 * own SQL tables and a schema-version entry whenever an instance starts, so
 * a burnt or merely probed session would be left holding storage, and its
 * state and scheduling APIs persist plaintext and claim the alarm.
 */
export class SessionStore extends DurableObject {
  async #meta(): Promise<Meta | undefined> {
    const meta = await this.ctx.storage.get<Meta>(META);
    if (meta !== undefined && meta.expiresAt <= Date.now()) {
      await this.#wipe();
      return undefined;
    }
    return meta;
  }

  async #live(): Promise<Meta> {
    const meta = await this.#meta();
    if (meta === undefined) throw new Error(SESSION_ENDED_MESSAGE);
    return meta;
  }

  async #wipe(): Promise<void> {
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  /** Starts the session. Fails if this id is already in use, which a random 128-bit id makes a bug, not bad luck. */
  async create(expiresAt: number, verifier: Uint8Array): Promise<void> {
    if ((await this.ctx.storage.get(META)) !== undefined) throw new Error("This session id is already in use.");
    await this.ctx.storage.put<Meta>(META, { expiresAt, verifier, count: 0, bytes: 0 });
    await this.ctx.storage.setAlarm(expiresAt);
  }

  /** The verifier and expiry, or null when the session does not exist (never did, burnt, or expired). */
  async describe(): Promise<{ verifier: Uint8Array; expiresAt: number } | null> {
    const meta = await this.#meta();
    return meta === undefined ? null : { verifier: meta.verifier, expiresAt: meta.expiresAt };
  }

  async read(slot: string): Promise<Uint8Array | null> {
    await this.#live();
    return (await this.ctx.storage.get<Uint8Array>(VALUE + slot)) ?? null;
  }

  /**
   * Stores one sealed entry. A cap that would be crossed comes back as the
   * sentence to show the agent, not as a thrown error, which workerd would
   * log as uncaught.
   */
  async write(slot: string, sealed: Uint8Array, limits: SessionLimits): Promise<string | null> {
    const meta = await this.#live();
    const previous = await this.ctx.storage.get<Uint8Array>(VALUE + slot);
    const count = meta.count + (previous === undefined ? 1 : 0);
    const bytes = meta.bytes - (previous?.byteLength ?? 0) + sealed.byteLength;
    if (count > limits.maxKeys) return `The session already holds ${meta.count} keys, its limit (GHOSTWIRE_SESSION_MAX_KEYS); delete one before adding another.`;
    if (bytes > limits.maxBytes) return `Storing this would bring the session to ${bytes} bytes of ciphertext; its limit is ${limits.maxBytes} (GHOSTWIRE_SESSION_MAX_BYTES). Delete entries or store less.`;
    await this.ctx.storage.put<unknown>({ [META]: { ...meta, count, bytes }, [VALUE + slot]: sealed });
    return null;
  }

  async remove(slot: string): Promise<boolean> {
    const meta = await this.#live();
    const previous = await this.ctx.storage.get<Uint8Array>(VALUE + slot);
    if (previous === undefined) return false;
    await this.ctx.storage.delete(VALUE + slot);
    await this.ctx.storage.put<Meta>(META, { ...meta, count: meta.count - 1, bytes: meta.bytes - previous.byteLength });
    return true;
  }

  /** Every entry, sealed. */
  async readAll(): Promise<{ slot: string; sealed: Uint8Array }[]> {
    await this.#live();
    const entries = await this.ctx.storage.list<Uint8Array>({ prefix: VALUE });
    return [...entries].map(([key, sealed]) => ({ slot: key.slice(VALUE.length), sealed }));
  }

  /**
   * One entry, with everything deleted in the same step: for a record that
   * may be used once (a paused execution, host/approvals/paused-store.ts).
   * Storage calls hold the object's input gate, so no other call runs
   * between the read and the delete: of two takes only the first finds the
   * entry. Null when the object holds nothing (never did, taken, or expired).
   */
  async take(slot: string): Promise<Uint8Array | null> {
    if ((await this.#meta()) === undefined) return null;
    const sealed = (await this.ctx.storage.get<Uint8Array>(VALUE + slot)) ?? null;
    await this.#wipe();
    return sealed;
  }

  /** Deletes everything: crypto-shredding, since the key was never here. */
  async burn(): Promise<void> {
    await this.#wipe();
  }

  override async alarm(): Promise<void> {
    await this.#wipe();
  }
}
