import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, execute, postJson } from "../helpers.js";
import { EMPTY_STORAGE, createSession, rawStorage, storeOf } from "./session-helpers.js";

const CANARY_KEY = "canary-key-Zq81Lw0p";
const CANARY_VALUE = "canary-value-Hx47Tb2m";

/**
 * Sessions: state between executions, caps, and the end of a session. The
 * caps are small in this suite (test/vitest.config.ts): 5 keys, 2,048 bytes
 * per entry, 8,192 in all. Secrecy (ciphertext only, tokens) is in
 * sessions-secrecy.test.ts.
 */

describe("POST /v1/sessions", () => {
  it("returns an opaque token and an expiry within the host's TTL", async () => {
    const before = Date.now();
    const { session, expiresAt } = await createSession();
    expect(session).toMatch(/^gws2\.[A-Za-z0-9_-]{86}$/);
    const expires = Date.parse(expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 3600_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000);
    const short = await createSession({ ttlSeconds: 60 });
    expect(Date.parse(short.expiresAt)).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("refuses a TTL over the host's maximum and a malformed body", async () => {
    const tooLong = await postJson("/v1/sessions", { ttlSeconds: 999_999_999 });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { code: string } }).error.code).toBe("ttl_too_large");
    const unknown = await postJson("/v1/sessions", { ttl: 5 });
    expect(unknown.status).toBe(400);
    expect((await postJson("/v1/sessions", "{nope")).status).toBe(400);
  });
});

describe("a session's state", () => {
  it("lasts between executions, each in a fresh isolate", async () => {
    const { session } = await createSession();
    const first = await execute({ code: `
      (globalThis as any).leftover = "from the first isolate";
      await session.set({ key: "plan", value: { step: 1, todo: ["a", "b"] } });
      await session.set({ key: "count", value: 41 });
      return await session.list();`, session });
    expect(first).toMatchObject({ ok: true, result: ["count", "plan"] });
    const second = await execute({ code: `
      const count = (await session.get({ key: "count" })) as number;
      await session.set({ key: "count", value: count + 1 });
      const removed = await session.delete({ key: "plan" });
      const again = await session.delete({ key: "plan" });
      return { leftover: (globalThis as any).leftover ?? null, count: await session.get({ key: "count" }), removed, again,
               missing: await session.get({ key: "plan" }), keys: await session.list() };`, session });
    expect(second).toMatchObject({ ok: true, result: { leftover: null, count: 42, removed: true, again: false, missing: null, keys: ["count"] } });
  });

  it("survives the eviction of its object", async () => {
    const { session } = await createSession();
    await execute({ code: `await session.set({ key: "kept", value: [1, 2, 3] });`, session });
    await evictDurableObject(storeOf(session));
    const after = await execute({ code: `return await session.get({ key: "kept" });`, session });
    expect(after).toMatchObject({ ok: true, result: [1, 2, 3] });
  });

  it("enforces the size caps with errors the code can read", async () => {
    const { session } = await createSession();
    const big = await execute({ code: `await session.set({ key: "big", value: "x".repeat(3000) });`, session });
    expect(big.ok).toBe(false);
    expect(big.error?.message).toMatch(/one entry may hold at most 2048 \(GHOSTWIRE_SESSION_MAX_VALUE_BYTES\)/);
    const many = await execute({ code: `for (let i = 0; i < 6; i++) await session.set({ key: "k" + i, value: i });`, session });
    expect(many.error?.message).toMatch(/already holds 5 keys, its limit \(GHOSTWIRE_SESSION_MAX_KEYS\)/);
    const kept = await execute({ code: `return await session.list();`, session });
    expect(kept.result).toEqual(["k0", "k1", "k2", "k3", "k4"]);
    const total = await execute({ code: `
      for (let i = 0; i < 5; i++) await session.delete({ key: "k" + i });
      for (let i = 0; i < 5; i++) await session.set({ key: "b" + i, value: "y".repeat(1900) });`, session });
    expect(total.error?.message).toMatch(/its limit is 8192 \(GHOSTWIRE_SESSION_MAX_BYTES\)/);
    const longKey = await execute({ code: `await session.set({ key: "k".repeat(257), value: 1 });`, session });
    expect(longKey.ok).toBe(false);
    expect(longKey.error?.message).toMatch(/^Invalid input for session\.set: key: /);
  });
});

describe("ending a session", () => {
  it("burn deletes everything, and the token is refused afterwards", async () => {
    const { session } = await createSession();
    await execute({ code: `await session.set({ key: "${CANARY_KEY}", value: "${CANARY_VALUE}" });`, session });
    const burnt = await call("/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${session}` } });
    expect(burnt.status).toBe(200);
    expect(await rawStorage(session)).toEqual(EMPTY_STORAGE);
    const refused = await execute({ code: "return 1;", session }, { status: 403 });
    expect(refused.error).toMatchObject({ code: "invalid_session" });
    expect((await call("/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${session}` } })).status).toBe(403);
  });

  it("burn also works with the token in the path", async () => {
    const { session } = await createSession();
    expect((await call(`/v1/sessions/${session}`, { method: "DELETE" })).status).toBe(200);
    await execute({ code: "return 1;", session }, { status: 403 });
  });

  it("expiry (the alarm) deletes everything, and the token is refused afterwards", async () => {
    const { session } = await createSession({ ttlSeconds: 60 });
    await execute({ code: `await session.set({ key: "a", value: "${CANARY_VALUE}" });`, session });
    expect((await rawStorage(session)).alarm).not.toBeNull();
    expect(await runDurableObjectAlarm(storeOf(session))).toBe(true);
    expect(await rawStorage(session)).toEqual(EMPTY_STORAGE);
    await execute({ code: "return 1;", session }, { status: 403 });
  });

  it("an expiry the alarm has not reached yet still ends the session at its first use", async () => {
    const { session } = await createSession();
    await execute({ code: `await session.set({ key: "a", value: "${CANARY_VALUE}" });`, session });
    // As if the alarm were late: the stored expiry is in the past, the alarm still pending.
    await runInDurableObject(storeOf(session), async (_instance, state) => {
      const meta = (await state.storage.get<{ expiresAt: number }>("meta"))!;
      await state.storage.put("meta", { ...meta, expiresAt: Date.now() - 1 });
    });
    const refused = await execute({ code: "return 1;", session }, { status: 403 });
    expect(refused.error?.code).toBe("invalid_session");
    expect(await rawStorage(session)).toEqual(EMPTY_STORAGE);
  });
});

describe("the session API's declarations", () => {
  it("are served by GET /v1/types when asked for by name", async () => {
    const response = await call("/v1/types?apis=session,math");
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/declare const session/);
    expect(text).toMatch(/declare const math/);
    expect(text).not.toMatch(/declare const weather/);
    expect(await (await call("/v1/types")).text()).not.toMatch(/declare const session/);
  });
});
