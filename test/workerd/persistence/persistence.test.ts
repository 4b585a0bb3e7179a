import { env } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { handle } from "../../../host/front/http/router.js";
import type { HostState } from "../../../host/host-state.js";
import { demoHost } from "../helpers.js";
import { REVIEWED_BINDINGS, bindingKinds, countDurableObjects, snapshotDurableObjects } from "./persistence-helpers.js";

/**
 * Zero persistence: stateless executions write no storage of any kind, and
 * the host's own console never carries code, arguments, results, logs,
 * errors or secrets. The host's router runs right here, in this isolate,
 * so every console call it makes is seen by the spies below.
 */
const CANARY = "canary-Wd93kPq7-persistence";
const SECRET: string = env.DEMO_UPSTREAM_TOKEN;
/** Every console method that can print, so nothing the host says escapes the capture. */
const LEVELS = [
  "log", "info", "warn", "error", "debug", "trace", "dir", "dirxml", "table", "assert",
  "count", "countReset", "group", "groupCollapsed", "groupEnd", "time", "timeEnd", "timeLog",
] as const;

let printed: string[] = [];

beforeEach(() => {
  printed = [];
  for (const level of LEVELS) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a) ?? String(a))).join(" "));
    });
  }
});

afterEach(() => vi.restoreAllMocks());

let host: HostState | undefined;

async function post(path: string, body: unknown): Promise<Response> {
  return handle(new Request(`http://ghostwire.test${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), () => (host ??= demoHost(env)));
}

/** Executions that carry the canary everywhere an execution can carry data. */
const CANARY_RUNS = [
  { code: `console.log("${CANARY}"); console.error(new Error("${CANARY}")); return { value: "${CANARY}" };` },
  { code: `await math.stats({ values: [] }); // ${CANARY}` },
  { code: `throw new Error("${CANARY}");` },
  { code: `const x: number = "${CANARY}";` },
  { code: `await catalog.search({ query: "${CANARY}" }); return await weather.current({ city: "${CANARY}" });` },
  { code: `const r = await fetch("http://rates.demo.invalid/v1/echo?q=${CANARY}"); return await r.text();`, apis: ["rates"] },
  { code: `return await rates.latest({ base: "EUR" });`, apis: ["rates"] },
  { code: `await fetch("https://${CANARY}.example/");` },
  { code: `while (true) {} // ${CANARY}`, fuel: 1000 },
  { code: `await new Promise(() => {}); // ${CANARY}` },
];

describe("stateless executions", () => {
  it("keep the host's console free of code, arguments, results, logs, errors and secrets", async () => {
    console.log("control line, to show the capture works");
    for (const body of CANARY_RUNS) {
      const response = await post("/v1/execute", body);
      expect(response.status).toBe(200);
      await response.text();
    }
    const bad = await post("/v1/execute", { code: 42, note: CANARY });
    expect(bad.status).toBe(400);
    expect(printed[0]).toBe("control line, to show the capture works");
    for (const line of printed) {
      expect(line).not.toContain(CANARY);
      expect(line).not.toContain(SECRET);
    }
  });

  it("keep the console clean of session contents and tokens too", async () => {
    const created = (await (await post("/v1/sessions", {})).json()) as { session: string };
    const run = await post("/v1/execute", { session: created.session, code: `await session.set({ key: "${CANARY}", value: "${CANARY}" }); return await session.list();` });
    expect(((await run.json()) as { result: unknown }).result).toEqual([CANARY]);
    for (const line of printed) {
      expect(line).not.toContain(CANARY);
      expect(line).not.toContain(created.session.slice(5));
    }
  });

  it("write no storage of any kind", async () => {
    const before = await snapshotDurableObjects();
    expect(Object.keys(before).length).toBeGreaterThan(0);
    for (const body of CANARY_RUNS.slice(0, 8)) await (await post("/v1/execute", body)).text();
    expect(await snapshotDurableObjects()).toEqual(before);

    // The control: an execution that opts into a session does write, and the same check sees it.
    const created = (await (await post("/v1/sessions", {})).json()) as { session: string };
    await (await post("/v1/execute", { session: created.session, code: `await session.set({ key: "k", value: 1 });` })).text();
    const after = await snapshotDurableObjects();
    expect(Object.keys(after.SESSIONS).length).toBe(Object.keys(before.SESSIONS).length + 1);
  });

  it("cannot reach the Cache API from agent code", async () => {
    const body = { check: false, code: `
      const tries: string[] = [];
      for (const attempt of [() => (globalThis as any).caches.default.put("http://cache.test/x", new Response("${CANARY}")),
                             async () => (await (globalThis as any).caches.open("named")).put("http://cache.test/y", new Response("${CANARY}"))]) {
        try { await attempt(); tries.push("stored"); } catch (error) { tries.push(String(error)); }
      }
      return tries;` };
    const result = ((await (await post("/v1/execute", body)).json()) as { result: string[] }).result;
    expect(result).toHaveLength(2);
    for (const outcome of result) expect(outcome).not.toBe("stored");
  });

  it("have no storage binding to write to, besides reviewed Durable Objects", () => {
    const kinds = bindingKinds();
    for (const [name, kind] of Object.entries(kinds)) {
      expect(REVIEWED_BINDINGS[name], `${name} (${kind}) must be reviewed for what it stores, then added to REVIEWED_BINDINGS`).toBeDefined();
      expect(kind, name).toBe(REVIEWED_BINDINGS[name].kind);
    }
    // By kind, whatever the names: no KV namespace, R2 bucket, D1 database or other store.
    // The rate limiter counts refused tokens under address pseudonyms, for a minute (host/front/auth/failed-attempts.ts).
    for (const kind of Object.values(kinds)) expect(["Fetcher", "WorkerLoader", "DurableObjectNamespace", "Ratelimit", "string"]).toContain(kind);
    expect(kinds.SESSIONS).toBe("DurableObjectNamespace");
  });
});
