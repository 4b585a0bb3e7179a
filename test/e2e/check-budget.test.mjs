// The type check's budget on the real host (`npm start`): type-check bombs,
// the kind that once aborted the host's workerd at a 1.4 GB heap, are
// stopped with CheckBudgetExceeded while the host keeps answering, and the
// next ordinary execution runs. It prints how long GET /v1/types took at
// worst while the bombs were checked (a check is synchronous: a request that
// arrives during one waits for it).
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execute, startHost } from "./host-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
let host;
let bombs;

before(async () => {
  const bundled = await build({ entryPoints: [join(root, "test", "workerd", "execution", "check-bombs.ts")], bundle: true, format: "esm", write: false, logLevel: "error" });
  bombs = (await import(`data:text/javascript;base64,${Buffer.from(bundled.outputFiles[0].text).toString("base64")}`)).CHECK_BOMBS;
  host = await startHost();
});

after(() => host?.stop());

describe("type-check bombs on the real host", { timeout: 180_000 }, () => {
  it("are stopped with CheckBudgetExceeded, one after another, while GET /v1/types keeps answering", async () => {
    let done = false;
    const checks = (async () => {
      const answers = [];
      for (const code of Object.values(bombs)) answers.push(await execute(host.base, { code }));
      return answers;
    })().finally(() => (done = true));
    let slowest = 0;
    let answered = 0;
    while (!done) {
      const started = Date.now();
      const response = await fetch(`${host.base}/v1/types`, { signal: AbortSignal.timeout(30_000) });
      assert.equal(response.status, 200);
      assert.match(await response.text(), /declare const math/);
      slowest = Math.max(slowest, Date.now() - started);
      answered++;
    }
    for (const response of await checks) {
      assert.equal(response.ok, false);
      assert.equal(response.error.name, "CheckBudgetExceeded", JSON.stringify(response.error));
    }
    console.log(`# GET /v1/types answered ${answered} times while ${Object.keys(bombs).length} type-check bombs were checked; slowest ${slowest} ms`);
  });

  it("runs the next ordinary execution, type-checked", async () => {
    const response = await execute(host.base, { code: "const sum: number = await math.add({ a: 20, b: 22 });\nreturn sum;" });
    assert.equal(response.ok, true, JSON.stringify(response.error));
    assert.equal(response.result, 42);
  });
});
