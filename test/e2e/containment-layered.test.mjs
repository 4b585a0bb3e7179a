// End-to-end containment in the layered local model: starts the real host with
// `host/dev.mjs` (what `npm start` runs) on a free port, sends it code that
// takes a workerd process down, and checks that the host keeps serving,
// reports the lost execution, and runs the next one. Memory bombs cannot be
// tested inside the workerd that vitest runs in: they would abort it.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startHost } from "./host-process.mjs";

let base = "";
let host;

async function execute(code, options = {}) {
  const response = await fetch(`${base}/v1/execute`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ code, check: false, ...options }),
  });
  assert.equal(response.status, 200);
  return response.json();
}

/** Times GET /v1/types while `busy` is under way; resolves with the slowest answer in ms. */
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

before(async () => {
  host = await startHost();
  base = host.base;
});

after(() => host?.stop());

describe("the layered local model contains what would take a process down", { timeout: 180_000 }, () => {
  for (const [name, code] of [
    ["an array of strings grown without end", "const a: string[] = [];\nfor (let i = 0; ; i++) a.push('x'.repeat(1000) + i);"],
    ["a huge Map", "const m = new Map<number, object>();\nfor (let i = 0; ; i++) m.set(i, { i });"],
  ]) {
    it(`reports ${name} as a crashed sandbox, keeps serving, and runs the next execution`, async () => {
      const bomb = execute(code);
      const slowest = await typesLatencyDuring(bomb);
      const response = await bomb;
      assert.equal(response.ok, false);
      assert.equal(response.error.name, "SandboxCrashed");
      assert.match(response.error.message, /its runner process stopped .*more memory than the sandbox allows/);
      assert.ok(slowest < 2000, `GET /v1/types took ${slowest} ms during the memory bomb`);
      const next = await execute("return await math.add({ a: 20, b: 22 });");
      assert.deepEqual({ ok: next.ok, result: next.result }, { ok: true, result: 42 });
    });
  }

  it("kills a runner stuck in a catastrophic regular expression and runs the next execution", async () => {
    const stuck = execute("return /(a+)+$/.test('a'.repeat(40) + 'b');");
    const slowest = await typesLatencyDuring(stuck);
    const response = await stuck;
    assert.equal(response.error.name, "SandboxCrashed");
    assert.match(response.error.message, /catastrophic regular expression/);
    assert.ok(slowest < 2000, `GET /v1/types took ${slowest} ms while the runner was stuck`);
    const next = await execute("return 'alive';");
    assert.equal(next.result, "alive");
  });
});
