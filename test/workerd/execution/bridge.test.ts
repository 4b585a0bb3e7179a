import { describe, expect, it } from "vitest";
import { execute } from "../helpers.js";
import { createSession } from "../sessions/session-helpers.js";

/** Runs code that catches the error of one API call and returns its name and message. */
async function caught(call: string) {
  const response = await execute({ code: `try { await ${call}; return null; } catch (e) { const err = e as Error; return { name: err.name, message: err.message, isError: err instanceof Error }; }`, check: false });
  expect(response.ok).toBe(true);
  return response.result as { name: string; message: string; isError: boolean };
}

describe("the bridge validates every call", () => {
  it("rejects bad arguments with zod's issues and their paths", async () => {
    const error = await caught(`catalog.search({ limit: 500, category: "boats" })`);
    expect(error.name).toBe("ValidationError");
    expect(error.message).toContain("Invalid input for catalog.search");
    expect(error.message).toMatch(/limit: .*50/);
    expect(error.message).toContain("category:");
  });

  it("rejects a missing argument of a method that needs one", async () => {
    const error = await caught("math.add()");
    expect(error).toMatchObject({ name: "ValidationError" });
    expect(error.message).toContain("a:");
  });

  it("allows no argument for a method whose input is empty", async () => {
    const response = await execute({ code: "return (await catalog.categories()).length;" });
    expect(response.result).toBe(6);
  });

  it("names the valid methods when a method does not exist", async () => {
    const error = await caught("(catalog as any).remove({ id: 'p-001' })");
    expect(error.message).toBe("catalog.remove is not a method. Methods of catalog: search, get, categories.");
  });

  it("reaches the agent as an ordinary Error carrying the implementation's message", async () => {
    const error = await caught("math.stats({ values: [] })");
    expect(error).toMatchObject({ name: "ValidationError", isError: true });
    expect(error.message).toContain("values must hold at least one number");
    const cursor = await caught("catalog.search({ cursor: 'garbage!' })");
    expect(cursor).toEqual({ name: "InvalidCursorError", isError: true, message: "cursor is not one this API returned; pass the nextCursor of the previous page, or omit it for the first page." });
  });

  it("passes only JSON data: functions in arguments never reach the host", async () => {
    // The session API stores any JSON value as given, so what it hands back is what reached the host.
    const { session } = await createSession();
    const code = [
      "await session.set({ key: 'k', value: { kept: 1, dropped: () => 1, list: [1, () => 1] } as any });",
      "const stored = (await session.get({ key: 'k' })) as any;",
      "return { keys: Object.keys(stored), list: stored.list.map((item: unknown) => typeof item) };",
    ].join("\n");
    const response = await execute({ code, session });
    expect(response).toMatchObject({ ok: true, result: { keys: ["kept", "list"], list: ["number", "object"] } });
  });

  it("counts calls in stats", async () => {
    const response = await execute({ code: "for (let i = 0; i < 5; i++) await math.add({ a: i, b: i }); return 1;" });
    expect(response.stats.apiCalls).toBe(5);
  });
});
