import { describe, expect, it } from "vitest";
import type { ExecuteResponse } from "../../../api-types/execution.js";
import { call, execute } from "../helpers.js";
import { HOSTILE_CORPUS, SMALL_FUEL } from "./hostile-corpus.js";

/**
 * The host survives hostile code (issue #4, point 6). These tests run in the
 * same workerd process as the host, as `npm start` does in single-process
 * mode, so a runaway loop competes with the host for its one thread: fuel is
 * what gives the thread back.
 */

/** Ordinary executions whose results must not change after hostile ones. */
const ORDINARY = [
  "const sum = await math.add({ a: 2, b: 40 });\nreturn { sum };",
  "return (await math.stats({ values: [1, 2, 3, 4] })).median;",
  "const primes: number[] = [];\nfor (let n = 2; primes.length < 20; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);\nreturn primes;",
  "console.log('hello');\nreturn (await catalog.categories()).length;",
];

/** The corpus cases that settle without waiting for a deadline. */
const QUICK_HOSTILE = HOSTILE_CORPUS.flatMap((g) => g.cases).filter((c) => c.timeoutMs === undefined);

async function ordinaryResults(): Promise<unknown[]> {
  const responses: ExecuteResponse[] = [];
  for (const code of ORDINARY) responses.push(await execute({ code }));
  return responses.map((r) => ({ ok: r.ok, result: r.result, logs: r.logs }));
}

describe("the host survives hostile code", () => {
  it("answers GET /v1/types within 2 seconds while an execution spins on the host's whole fuel", async () => {
    // Warm the type checker first: its cold start, seconds under the test
    // runner, is not what this measures.
    expect((await execute({ code: "return 1;" })).ok).toBe(true);
    const spinning = execute({ code: "let n = 0;\nwhile (true) n++;" });
    const started = Date.now();
    const types = await call("/v1/types");
    const elapsed = Date.now() - started;
    expect(types.status).toBe(200);
    expect(await types.text()).toContain("declare const math");
    expect(elapsed).toBeLessThan(2000);
    expect((await spinning).error?.name).toBe("CpuBudgetExceeded");
  });

  it("still runs ordinary code with the same results after 100 hostile executions in a row", async () => {
    const before = await ordinaryResults();
    for (let i = 0; i < 100; i++) {
      const c = QUICK_HOSTILE[i % QUICK_HOSTILE.length];
      await execute({ code: c.code, check: false, fuel: c.fuel ?? SMALL_FUEL });
    }
    expect(await ordinaryResults()).toEqual(before);
    expect(before.every((r) => (r as { ok: boolean }).ok)).toBe(true);
  });
});
