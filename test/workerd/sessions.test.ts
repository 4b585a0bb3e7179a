import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, postJson, run } from "./helpers";
import { containsCanary, createSession, rawStorage, runInSession, storeOf } from "./session-helpers";

const CANARY_KEY = "canary-key-Zq81Lw0p";
const CANARY_VALUE = "canary-value-Hx47Tb2m";

describe("POST /v1/sessions", () => {
  it("returns an opaque token and an expiry within the host's TTL", async () => {
    const before = Date.now();
    const { session, expiresAt } = await createSession();
    expect(session).toMatch(/^gws1\.[A-Za-z0-9_-]{64}$/);
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
    const first = await runInSession(session, `
      (globalThis as any).leftover = "from the first isolate";
      await session.set({ key: "plan", value: { step: 1, todo: ["a", "b"] } });
      await session.set({ key: "count", value: 41 });
      return await session.list();`);
    expect(first.body).toMatchObject({ ok: true, result: ["count", "plan"] });
    const second = await runInSession(session, `
      const count = (await session.get({ key: "count" })) as number;
      await session.set({ key: "count", value: count + 1 });
      const removed = await session.delete({ key: "plan" });
      const again = await session.delete({ key: "plan" });
      return { leftover: (globalThis as any).leftover ?? null, count: await session.get({ key: "count" }), removed, again,
               missing: await session.get({ key: "plan" }), keys: await session.list() };`);
    expect(second.body).toMatchObject({ ok: true, result: { leftover: null, count: 42, removed: true, again: false, missing: null, keys: ["count"] } });
  });

  it("is stored only as ciphertext under hashed names", async () => {
    const { session } = await createSession();
    const stored = await runInSession(session, `await session.set({ key: "${CANARY_KEY}", value: { secret: "${CANARY_VALUE}" } }); return await session.get({ key: "${CANARY_KEY}" });`);
    expect(stored.body).toMatchObject({ ok: true, result: { secret: CANARY_VALUE } });
    const raw = await rawStorage(session);
    expect(raw.keys.length).toBe(2); // the metadata and one sealed entry
    expect(raw.bytes.byteLength).toBeGreaterThan(CANARY_VALUE.length);
    expect(containsCanary(raw.bytes, CANARY_KEY)).toBe(false);
    expect(containsCanary(raw.bytes, CANARY_VALUE)).toBe(false);
    expect(containsCanary(raw.bytes, session.slice(5))).toBe(false);
  });

  it("survives the eviction of its object", async () => {
    const { session } = await createSession();
    await runInSession(session, `await session.set({ key: "kept", value: [1, 2, 3] });`);
    await evictDurableObject(storeOf(session));
    const after = await runInSession(session, `return await session.get({ key: "kept" });`);
    expect(after.body).toMatchObject({ ok: true, result: [1, 2, 3] });
  });

  it("enforces the size caps with errors the code can read", async () => {
    const { session } = await createSession();
    const big = await runInSession(session, `await session.set({ key: "big", value: "x".repeat(3000) });`);
    expect(big.body.ok).toBe(false);
    expect(big.body.error.message).toMatch(/one entry may hold at most 2048/);
    const many = await runInSession(session, `for (let i = 0; i < 6; i++) await session.set({ key: "k" + i, value: i });`);
    expect(many.body.error.message).toMatch(/already holds 5 keys, its limit/);
    const total = await runInSession(session, `
      for (let i = 0; i < 5; i++) await session.delete({ key: "k" + i });
      for (let i = 0; i < 5; i++) await session.set({ key: "b" + i, value: "y".repeat(1900) });`);
    expect(total.body.error.message).toMatch(/its limit is 8192/);
  });
});

describe("ending a session", () => {
  it("burn deletes everything, and the token is refused afterwards", async () => {
    const { session } = await createSession();
    await runInSession(session, `await session.set({ key: "${CANARY_KEY}", value: "${CANARY_VALUE}" });`);
    const burnt = await call("/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${session}` } });
    expect(burnt.status).toBe(200);
    expect(await rawStorage(session)).toEqual({ keys: [], bytes: new Uint8Array(), alarm: null });
    const refused = await runInSession(session, "return 1;");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "invalid_session" });
    expect((await call("/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${session}` } })).status).toBe(403);
  });

  it("burn also works with the token in the path", async () => {
    const { session } = await createSession();
    expect((await call(`/v1/sessions/${session}`, { method: "DELETE" })).status).toBe(200);
    expect((await runInSession(session, "return 1;")).status).toBe(403);
  });

  it("expiry (the alarm) deletes everything, and the token is refused afterwards", async () => {
    const { session } = await createSession({ ttlSeconds: 60 });
    await runInSession(session, `await session.set({ key: "a", value: "${CANARY_VALUE}" });`);
    expect((await rawStorage(session)).alarm).not.toBeNull();
    expect(await runDurableObjectAlarm(storeOf(session))).toBe(true);
    expect(await rawStorage(session)).toEqual({ keys: [], bytes: new Uint8Array(), alarm: null });
    expect((await runInSession(session, "return 1;")).status).toBe(403);
  });
});

describe("tokens", () => {
  const flip = (token: string, at: number) => token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);

  it("an altered key reads nothing, and the stored data stays as it was", async () => {
    const { session } = await createSession();
    await runInSession(session, `await session.set({ key: "a", value: "${CANARY_VALUE}" });`);
    const before = await rawStorage(session);
    const tampered = flip(session, session.length - 3); // same id, another key
    const attempt = await runInSession(tampered, `return await session.get({ key: "a" });`);
    expect(attempt.status).toBe(403);
    expect(attempt.body.error.message).toMatch(/not valid: it is malformed, altered, burnt or expired/);
    expect(JSON.stringify(attempt.body)).not.toContain(CANARY_VALUE);
    expect((await call("/v1/sessions", { method: "DELETE", headers: { authorization: `Bearer ${tampered}` } })).status).toBe(403);
    expect(await rawStorage(session)).toEqual(before);
    expect((await runInSession(session, `return await session.get({ key: "a" });`)).body.result).toBe(CANARY_VALUE);
  });

  it("an altered id, a malformed token or none at all gets the same clear refusal", async () => {
    const { session } = await createSession();
    for (const token of [flip(session, 8), "gws1.short", "not-a-token", session + "A"]) {
      const attempt = await runInSession(token, "return 1;");
      expect(attempt.status, token).toBe(403);
      expect(attempt.body.error.code).toBe("invalid_session");
    }
    expect((await call("/v1/sessions", { method: "DELETE" })).status).toBe(403);
  });

  it("the session API exists only for executions that present a token", async () => {
    const without = await run("return typeof (globalThis as any).session;", { check: false });
    expect(without.result).toBe("undefined");
    const asked = await postJson("/v1/execute", { code: "return 1;", apis: ["session"] });
    expect(asked.status).toBe(400);
    expect(((await asked.json()) as { error: { code: string } }).error.code).toBe("session_required");
  });
});
