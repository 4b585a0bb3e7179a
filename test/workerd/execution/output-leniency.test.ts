import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { LogEntry } from "../../../api-types/sandbox-protocol.js";
import { ApiRegistry, type OutputPolicy, type RegisteredApi } from "../../../host/apis/registry.js";
import { runExecuteRequest } from "../../../host/execution/execute-request.js";
import { demoHost } from "../helpers.js";

/** What a real service sends: a timestamp zod's datetime refuses (Jira's form), and a field the schema does not name. */
const SENT = { id: 7, created_at: "2023-04-21T12:39:27.600+0000", note: "extra field" };

const contract = {
  name: "drift",
  description: "A service whose answers drift from its documented schema.",
  methods: {
    get: { description: "Returns one record.", input: z.object({}), output: z.object({ id: z.number(), created_at: z.iso.datetime() }) },
    good: { description: "Returns one record that matches.", input: z.object({}), output: z.object({ id: z.number() }) },
    big: { description: "Returns a BigInt, which JSON cannot carry.", input: z.object({}), output: z.number() },
  },
};

function driftApi(outputs?: OutputPolicy): RegisteredApi {
  const registry = new ApiRegistry().register(contract, { get: () => structuredClone(SENT), good: () => ({ id: 1, dropped: true }), big: () => 10n }, outputs && { outputs });
  return registry.list()[0];
}

async function run(code: string, outputs?: OutputPolicy, vars: Record<string, string> = {}, onLog?: (entry: LogEntry) => void) {
  return runExecuteRequest(demoHost({ ...env, ...vars }), { code, apis: [] }, { apis: [driftApi(outputs)], onLog });
}

const CATCHING = (call: string) => `try { return await ${call}; } catch (e) { return { name: (e as Error).name, message: (e as Error).message }; }`;

describe("outputs of a lenient API", () => {
  it("keeps the registration's output policy", () => {
    expect(driftApi("lenient").outputs).toBe("lenient");
    expect(driftApi().outputs).toBeUndefined();
  });

  it("reach the code as the implementation sent them, with a warning after the code's own logs that names the method and the place", async () => {
    const response = await run(`console.log("before"); const r = await drift.get(); console.log("after"); return r;`, "lenient");
    expect(response).toMatchObject({ ok: true, result: SENT });
    expect(response.logs.map((entry) => entry.level)).toEqual(["log", "log", "warn"]);
    const warning = response.logs[2].message;
    expect(warning).toMatch(/^drift\.get returned output that does not match its declared type \(created_at: .+\); it was passed on as the API sent it/);
    expect(warning.split(". ").length).toBe(1);
  });

  it("are validated as usual when they match: no warning, and zod's parsed value", async () => {
    const response = await run("return await drift.good();", "lenient");
    expect(response).toMatchObject({ ok: true, result: { id: 1 }, logs: [] });
  });

  it("that JSON cannot carry are still the implementation's error", async () => {
    const response = await run(CATCHING("drift.big()"), "lenient");
    expect(response.result).toMatchObject({ name: "ImplementationError", message: expect.stringContaining("not JSON") });
  });

  it("stay within the log limits: warnings past the cap are counted as dropped", async () => {
    const response = await run("for (let i = 0; i < 5; i++) await drift.get(); return 1;", "lenient", { GHOSTWIRE_MAX_LOG_ENTRIES: "3" });
    expect(response.ok).toBe(true);
    expect(response.logs).toHaveLength(3);
    expect(response.logs.every((entry) => entry.level === "warn")).toBe(true);
    expect(response.stats.logsDropped).toBe(2);
    expect(response.stats.truncated.logs).toBe(true);
  });

  it("are streamed to a log listener like the code's own entries", async () => {
    const streamed: LogEntry[] = [];
    await run("await drift.get(); return 1;", "lenient", {}, (entry) => streamed.push(entry));
    expect(streamed).toEqual([{ level: "warn", message: expect.stringContaining("drift.get") }]);
  });
});

describe("outputs of a strict API", () => {
  it("that break the schema are an ImplementationError, with no warning", async () => {
    for (const outputs of [undefined, "strict"] as const) {
      const response = await run(CATCHING("drift.get()"), outputs);
      expect(response.result).toMatchObject({ name: "ImplementationError", message: expect.stringContaining("created_at") });
      expect(response.logs).toEqual([]);
    }
  });
});
