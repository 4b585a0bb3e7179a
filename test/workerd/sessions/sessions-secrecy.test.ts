import { env, listDurableObjectIds, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createSessionCipher } from "../../../host/sessions/session-cipher.js";
import { parseSessionToken } from "../../../host/sessions/session-token.js";
import { call, execute } from "../helpers.js";
import { EMPTY_STORAGE, containsCanary, createSession, rawStorage, storeOf, withRandomId } from "./session-helpers.js";

/**
 * Sessions' secrecy: what the Durable Object holds is ciphertext under hashed
 * names, nothing in it opens without the token's key, and a token that is
 * altered, malformed, forged or absent reads and changes nothing.
 */
const CANARY_KEY = "canary-key-Zq81Lw0p";
const CANARY_VALUE = "canary-value-Hx47Tb2m";

/** The raw entries of a session's object: slot names and sealed bytes, read past the host. */
function sealedEntries(token: string): Promise<{ slot: string; sealed: Uint8Array }[]> {
  return runInDurableObject(storeOf(token), async (_instance, state) => {
    const entries = await state.storage.list<Uint8Array>({ prefix: "v:" });
    return [...entries].map(([key, sealed]) => ({ slot: key.slice(2), sealed }));
  });
}

const flip = (token: string, at: number) => token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);

describe("what a session stores", () => {
  it("is only ciphertext under hashed names, with no canary from keys or values", async () => {
    const { session } = await createSession();
    const stored = await execute({ code: `await session.set({ key: "${CANARY_KEY}", value: { secret: "${CANARY_VALUE}" } }); return await session.get({ key: "${CANARY_KEY}" });`, session });
    expect(stored).toMatchObject({ ok: true, result: { secret: CANARY_VALUE } });
    const raw = await rawStorage(session);
    expect(raw.keys.length).toBe(2); // the metadata and one sealed entry
    expect(raw.bytes.byteLength).toBeGreaterThan(CANARY_VALUE.length);
    expect(containsCanary(raw.bytes, CANARY_KEY)).toBe(false);
    expect(containsCanary(raw.bytes, CANARY_VALUE)).toBe(false);
    expect(containsCanary(raw.bytes, session.slice(5))).toBe(false);
    expect(raw.keys.some((key) => key.includes(CANARY_KEY))).toBe(false);
  });

  it("cannot be read without the token's key, though the right key opens it", async () => {
    const { session } = await createSession();
    await execute({ code: `await session.set({ key: "${CANARY_KEY}", value: "${CANARY_VALUE}" }); await session.set({ key: "other", value: [1, 2] });`, session });
    const entries = await sealedEntries(session);
    expect(entries.length).toBe(2);

    // The right key: the control, showing these bytes are the entries.
    const right = await createSessionCipher(parseSessionToken(session)!);
    const opened = await Promise.all(entries.map(({ slot, sealed }) => right.open(slot, sealed)));
    expect(opened.join("\n")).toContain(CANARY_VALUE);
    expect(entries.map((e) => e.slot)).toContain(await right.slotOf(CANARY_KEY));

    // Any other key, for the same session id: no entry opens, and no name can be matched to its slot.
    const otherKey = crypto.getRandomValues(new Uint8Array(32));
    const wrong = await createSessionCipher({ id: parseSessionToken(session)!.id, key: otherKey });
    for (const { slot, sealed } of entries) await expect(wrong.open(slot, sealed)).rejects.toThrow();
    expect(entries.map((e) => e.slot)).not.toContain(await wrong.slotOf(CANARY_KEY));

    // The object itself hands out only what it holds: sealed bytes.
    const handedOut = await storeOf(session).readAll();
    for (const { sealed } of handedOut) expect(containsCanary(sealed, CANARY_VALUE)).toBe(false);
  });
});

describe("tokens", () => {
  it("an altered key reads nothing, and the stored data stays as it was", async () => {
    const { session } = await createSession();
    await execute({ code: `await session.set({ key: "a", value: "${CANARY_VALUE}" });`, session });
    const before = await rawStorage(session);
    const tampered = flip(session, session.length - 3); // same id, another key
    const attempt = await execute({ code: `return await session.get({ key: "a" });`, session: tampered }, { status: 403 });
    expect(attempt.error?.message).toMatch(/not valid: it is malformed, altered, burnt or expired.*POST \/v1\/sessions/);
    expect(JSON.stringify(attempt)).not.toContain(CANARY_VALUE);
    expect((await call("/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${tampered}` } })).status).toBe(403);
    expect((await call(`/v1/sessions/${tampered}`, { method: "DELETE" })).status).toBe(403);
    expect(await rawStorage(session)).toEqual(before);
    expect((await execute({ code: `return await session.get({ key: "a" });`, session })).result).toBe(CANARY_VALUE);
  });

  it("an altered id, a malformed token or none at all gets the same clear refusal", async () => {
    const { session } = await createSession();
    for (const token of [flip(session, 8), "gws1.short", "not-a-token", session + "A", session.replace("gws2.", "gws3.")]) {
      const attempt = await execute({ code: "return 1;", session: token }, { status: 403 });
      expect(attempt.error?.code).toBe("invalid_session");
    }
    expect((await call("/v1/sessions", { method: "DELETE" })).status).toBe(403);
    expect((await call("/v1/sessions/", { method: "DELETE" })).status).toBe(403);
  });

  it("a well-formed token for a session that never existed is refused, and leaves nothing stored", async () => {
    const forged = withRandomId((await createSession()).session);
    const attempt = await execute({ code: "return 1;", session: forged }, { status: 403 });
    expect(attempt.error?.code).toBe("invalid_session");
    expect(await rawStorage(forged)).toEqual(EMPTY_STORAGE);
  });

  it("the session API exists only for executions that present a token", async () => {
    const ids = (await listDurableObjectIds(env.SESSIONS)).length;
    const without = await execute({ code: "return typeof (globalThis as any).session;", check: false });
    expect(without.result).toBe("undefined");
    const undeclared = await execute({ code: "return await session.list();" });
    expect(undeclared.diagnostics?.[0]?.message).toMatch(/Cannot find name 'session'/);
    const asked = await execute({ code: "return 1;", apis: ["session"] }, { status: 400 });
    expect(asked.error?.code).toBe("session_required");
    expect((await listDurableObjectIds(env.SESSIONS)).length).toBe(ids);
  });
});
