// End-to-end overload in the layered local model: the runner takes at most
// GHOSTWIRE_RUNNER_MAX_EXECUTIONS executions at once (host/isolates/runner/index.ts);
// past it, executions are answered `Overloaded` without running, never
// reported as a crash, and the runner keeps serving. The limit is set low so
// that a handful of loopback requests reach it.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { execute, startHost } from "./host-process.mjs";

const LIMIT = 3;
const REQUESTS = 9;

let host;

before(async () => {
  host = await startHost({ vars: { GHOSTWIRE_RUNNER_MAX_EXECUTIONS: String(LIMIT) } });
});

after(() => host?.stop());

describe("a runner at its limit", { timeout: 120_000 }, () => {
  it("answers the executions past it as Overloaded, not as crashed, and then runs the next", async () => {
    // Each holds its place in the runner long enough for all the others to arrive.
    const sleeper = "await new Promise((resolve) => setTimeout(resolve, 4000));\nreturn 'slept';";
    const responses = await Promise.all(Array.from({ length: REQUESTS }, () => execute(host.base, { code: sleeper, check: false })));
    const names = responses.map((response) => (response.ok ? "ok" : response.error.name));
    assert.deepEqual(
      names.filter((name) => name !== "ok" && name !== "Overloaded"),
      [],
      `every execution either ran or was refused as Overloaded: ${names.join(", ")}`,
    );
    assert.ok(names.includes("Overloaded"), `${REQUESTS} executions at once against a limit of ${LIMIT}, and none was refused: ${names.join(", ")}`);
    assert.ok(names.includes("ok"), `none of the first ${LIMIT} executions ran: ${names.join(", ")}`);
    const refused = responses.find((response) => !response.ok);
    assert.match(refused.error.message, new RegExp(`already holds ${LIMIT} executions.*did not run\\. Try again shortly\\.`));
    assert.ok(responses.filter((response) => response.ok).every((response) => response.result === "slept"));

    const next = await execute(host.base, { code: "return 'after';", check: false });
    assert.deepEqual({ ok: next.ok, result: next.result }, { ok: true, result: "after" });
  });
});
