import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";
import { createSession } from "../sessions/session-helpers.js";

/**
 * API calls the code started and did not await (sandbox/pending-calls.ts):
 * the sandbox waits for them before it answers, a failure among them fails
 * the execution on the line of the call, and stats and a warning say so.
 */
describe("calls the code did not await", () => {
  it("still land: a session.set without await is stored, counted and warned about", async () => {
    const { session } = await createSession();
    const dropped = await execute({ code: 'session.set({ key: "draft", value: { words: 42 } });\nreturn "saved";', session });
    expect(dropped).toMatchObject({ ok: true, result: "saved", stats: { apiCalls: 1, unawaitedCalls: 1 } });
    expect(dropped.logs).toEqual([
      {
        level: "warn",
        message: "1 API call(s) were still running when the code returned: session.set. The sandbox waited for them before answering; write `await` before every API call, so that its result and its errors reach your code.",
      },
    ]);
    const read = await execute({ code: 'return await session.get({ key: "draft" });', session });
    expect(read).toMatchObject({ ok: true, result: { words: 42 }, stats: { unawaitedCalls: 0 }, logs: [] });
  });

  it("fail the execution when one of them fails, on the line of the call", async () => {
    const answer = await execute({ code: 'const n = 1;\nmath.stats({ values: [] });\nreturn "fired";' });
    expect(answer).toMatchObject({ ok: false, error: { name: "UnhandledRejection", line: 2 }, stats: { apiCalls: 1, unawaitedCalls: 1 } });
    expect(answer.error?.message).toContain("values must hold at least one number");
    expect(answer.result).toBeUndefined();
  });

  it("are counted only when they were still running: awaited calls and fire-and-forget calls that already settled are not", async () => {
    const awaited = await execute({ code: "const a = await math.add({ a: 1, b: 2 });\nconst [b, c] = await Promise.all([math.add({ a: a, b: 1 }), math.add({ a: 0, b: 0 })]);\nreturn a + b + c;" });
    expect(awaited).toMatchObject({ ok: true, result: 7, logs: [], stats: { apiCalls: 3, unawaitedCalls: 0 } });
  });

  it("an error of a call carries the call's line even when the code awaits it later", async () => {
    const answer = await execute({ code: "const pending = math.stats({ values: [] });\nconst x = 2;\nawait new Promise((r) => setTimeout(r, 5));\nreturn await pending;" });
    expect(answer).toMatchObject({ ok: false, error: { line: 1 } });
  });

  it("are never made by the language itself: converting a namespace to a string or JSON calls nothing", async () => {
    const answer = await execute({ code: "return [String(math), `${catalog}`, JSON.stringify(weather), math.valueOf, typeof math.hasOwnProperty];", check: false });
    expect(answer).toMatchObject({ ok: true, result: ["[API math]", "[API catalog]", "{}", null, "undefined"], stats: { apiCalls: 0, unawaitedCalls: 0 } });
  });
});
