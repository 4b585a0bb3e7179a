// End-to-end containment in the layered local model: starts the real host with
// `host/dev/start.mjs` (what `npm start` runs) on a free port, sends it code that
// takes the runner process down next to innocent executions, and checks that
// the host keeps serving, runs the innocent executions again, names what the
// guilty one did (CPU or memory), and runs the next one. Memory bombs cannot
// be tested inside the workerd that vitest runs in: they would abort it.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { execute, startHost } from "./host-process.mjs";

let base = "";
let host;

/** Asks GET /v1/types over and over while `busy` is under way; resolves with the slowest answer in ms. */
async function typesLatencyDuring(busy) {
  let slowest = 0;
  let done = false;
  busy.finally(() => (done = true));
  while (!done) {
    const started = Date.now();
    const response = await fetch(`${base}/v1/types`, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 200);
    await response.text();
    slowest = Math.max(slowest, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return slowest;
}

/** Innocent code that is still in the runner when the attacker takes it down, and has touched nothing outside its isolate. */
const BYSTANDER = "await new Promise((resolve) => setTimeout(resolve, 5000));\nreturn 'bystander';";
/** Innocent code that made an API call before the runner went down: running it again would repeat the call. */
const CALLER = "await math.add({ a: 1, b: 2 });\nawait new Promise((resolve) => setTimeout(resolve, 5000));\nreturn 'caller';";

before(async () => {
  host = await startHost();
  base = host.base;
});

after(() => host?.stop());

describe("the layered local model contains what would take the runner down", { timeout: 600_000 }, () => {
  // [what, code, what the attacker is reported as, whether the runner surely goes down]
  for (const [name, code, reported, takesRunnerDown] of [
    ["a catastrophic regular expression", "return /(a+)+$/.test('a'.repeat(40) + 'b');", ["CpuTimeExceeded"], true],
    ["an array of strings grown without end", "const a: string[] = [];\nfor (let i = 0; ; i++) a.push('x'.repeat(1000) + i);", ["MemoryLimitExceeded"], true],
    // Each then() call burns fuel: the fuel budget stops it, unless the watchdog finds the runner busy for too long first.
    ["a thenable that resolves to itself", "const t: any = { then(r: any) { r(t); } };\nawait t;", ["CpuBudgetExceeded", "CpuTimeExceeded"], false],
  ]) {
    it(`runs the bystanders of ${name} again, reports the attacker as ${reported.join(" or ")}, and keeps serving`, async (t) => {
      const bystander = execute(base, { code: BYSTANDER, check: false });
      const caller = execute(base, { code: CALLER, check: false });
      // Both are in the runner before the attacker arrives.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const attacker = execute(base, { code, check: false });
      const all = Promise.all([bystander, caller, attacker]);
      const slowest = await typesLatencyDuring(all);
      t.diagnostic(`slowest GET /v1/types while the runner was down: ${slowest} ms`);
      const [innocent, called, guilty] = await all;

      assert.equal(guilty.ok, false);
      assert.ok(reported.includes(guilty.error.name), `the attacker was reported as ${guilty.error.name}: ${guilty.error.message}`);
      assert.deepEqual({ ok: innocent.ok, result: innocent.result, error: innocent.error }, { ok: true, result: "bystander", error: undefined });
      // Lost with the runner, and not run again: it had made an API call.
      if (takesRunnerDown || !called.ok) {
        assert.equal(called.error.name, "SandboxCrashed");
        assert.match(called.error.message, /lost with its runner process.*It was not run again, because it had already made API calls/);
      } else {
        assert.equal(called.result, "caller");
      }
      const next = await execute(base, { code: "return await math.add({ a: 20, b: 22 });", check: false });
      assert.deepEqual({ ok: next.ok, result: next.result }, { ok: true, result: 42 });
    });
  }
});
