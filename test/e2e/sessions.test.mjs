// Sessions, end to end against the real host (`npm start`: the host process
// holds the session objects, the runner process loads the isolates): create a
// session, share state between two executions in fresh isolates, burn it,
// and see the token refused.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { execute, startHost } from "./host-process.mjs";

let host;

async function send(method, path, body, headers = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.headers["content-type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${host.base}${path}`, init);
  return { status: response.status, body: await response.json() };
}

before(async () => {
  // A fixed host secret, so tokens survive the host reloading its isolate (wrangler dev does when files change).
  host = await startHost({ vars: { GHOSTWIRE_HOST_SECRET: "host-secret-for-e2e-sessions-0123456789" } });
});

after(() => host?.stop());

describe("a session on the real host", { timeout: 180_000 }, () => {
  it("keeps state between executions, then burns and refuses its token", async () => {
    const created = await send("POST", "/v1/sessions", { ttlSeconds: 600 });
    assert.equal(created.status, 201);
    const { session, expiresAt } = created.body;
    assert.match(session, /^gws2\.[A-Za-z0-9_-]{86}$/);
    assert.ok(Date.parse(expiresAt) <= Date.now() + 600_000);

    const first = await execute(host.base, {
      session,
      code: `(globalThis as any).mark = "first isolate";
             await session.set({ key: "plan", value: { step: 1, done: ["fetch"] } });
             return await session.list();`,
    });
    assert.deepEqual(first.result, ["plan"], JSON.stringify(first));

    const second = await execute(host.base, {
      session,
      code: `const plan = (await session.get({ key: "plan" })) as { step: number; done: string[] };
             await session.set({ key: "plan", value: { step: plan.step + 1, done: [...plan.done, "parse"] } });
             return { mark: (globalThis as any).mark ?? null, plan: await session.get({ key: "plan" }) };`,
    });
    assert.deepEqual(second.result, { mark: null, plan: { step: 2, done: ["fetch", "parse"] } }, JSON.stringify(second));

    const burnt = await send("DELETE", "/v1/sessions", undefined, { authorization: `Bearer ${session}` });
    assert.deepEqual(burnt, { status: 200, body: { burnt: true } });

    const refused = await execute(host.base, { session, code: `return await session.list();` }, { status: 403 });
    assert.equal(refused.error.code, "invalid_session");
    assert.equal((await send("DELETE", "/v1/sessions", undefined, { authorization: `Bearer ${session}` })).status, 403);
  });
});
