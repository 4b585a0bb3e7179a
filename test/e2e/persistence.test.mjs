// Zero persistence, end to end: the real host (`npm start`, both processes)
// runs executions that carry a canary in their code, API arguments, results,
// logs, errors, refused URLs and session contents, with the demo upstream's
// credential set to a second canary. Nothing either process prints after
// start-up may contain either canary, or the session token, and neither may
// any file wrangler keeps for them (.wrangler/).
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { execute, startHost } from "./host-process.mjs";
import { assertNoLocalExplorer } from "./local-explorer.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Where wrangler keeps files for the two processes of `npm start`: state and bundles, under their working directory and beside their configs. */
const WRANGLER_DIRS = [".wrangler", "host/dev/.wrangler", "host/isolates/runner/.wrangler"].map((dir) => join(root, dir));
// New for every run, so a file left by an earlier run cannot be mistaken for this one's.
const CANARY = `canary-Jr58vNe2-e2e-${randomBytes(4).toString("hex")}`;
const SECRET = `canary-Pm31xQa9-e2e-secret-${randomBytes(4).toString("hex")}`;
let host;

before(async () => {
  // A fixed host secret, so the session token survives the host reloading its isolate (wrangler dev does when files change).
  host = await startHost({ vars: { DEMO_UPSTREAM_TOKEN: SECRET, GHOSTWIRE_HOST_SECRET: "host-secret-for-e2e-persistence-0123456789" } });
});

after(() => host?.stop());

/** Every file under `dir`, recursively; none when it does not exist. */
async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe("the host's own output", { timeout: 180_000 }, () => {
  it("never carries code, arguments, results, logs, errors, refused URLs, session contents or secrets", async () => {
    const runs = [
      { code: `console.log("${CANARY}"); console.error(new Error("${CANARY}")); return "${CANARY}";` },
      { code: `await math.stats({ values: [] }); // ${CANARY}` },
      { code: `throw new Error("${CANARY}");` },
      { code: `const x: number = "${CANARY}";` },
      { code: `return await weather.current({ city: "${CANARY}" });` },
      { code: `return await (await fetch("http://rates.demo.invalid/v1/echo?q=${CANARY}")).text();`, apis: ["rates"] },
      { code: `await fetch("https://${CANARY}.example/${CANARY}");` },
      { code: `await fetch("http://127.0.0.1:1/${CANARY}");` },
      { code: `while (true) {} // ${CANARY}`, fuel: 1000 },
      { code: `await new Promise(() => {}); // ${CANARY}` },
    ];
    for (const run of runs) await execute(host.base, run);
    const echoed = await execute(host.base, runs[5]);
    assert.ok(echoed.result?.includes("[REDACTED]"), `the echo upstream received the credential and the gateway scrubbed it: ${JSON.stringify(echoed)}`);

    const opened = await fetch(`${host.base}/v1/sessions`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(opened.status, 201);
    const created = await opened.json();
    const stored = await execute(host.base, { session: created.session, code: `await session.set({ key: "${CANARY}", value: "${CANARY}" }); return await session.list();` });
    assert.deepEqual(stored.result, [CANARY]);
    const burnt = await fetch(`${host.base}/v1/sessions`, { method: "DELETE", headers: { authorization: `Bearer ${created.session}` } });
    assert.equal(burnt.status, 200);

    await new Promise((resolve) => setTimeout(resolve, 1000)); // let the last lines arrive
    const output = host.output();
    assert.ok(output.includes("POST /v1/execute"), "the capture sees the host's request lines");
    const needles = [CANARY, CANARY.toLowerCase(), SECRET, created.session.slice(5)];
    for (const needle of needles) {
      assert.ok(!output.includes(needle), `the host printed ${needle}:\n${output.split("\n").filter((l) => l.includes(needle)).join("\n")}`);
    }
    const files = (await Promise.all(WRANGLER_DIRS.map(filesUnder))).flat();
    assert.ok(files.length > 0, "wrangler keeps its bundles under .wrangler/, so the scan sees files");
    for (const file of files) {
      const bytes = await readFile(file).catch(() => Buffer.alloc(0)); // a file wrangler removed meanwhile holds nothing
      for (const needle of needles) assert.ok(!bytes.includes(needle), `${file} holds ${needle}`);
    }
  });

  it("does not serve wrangler's local explorer, which would read the host's Durable Objects past the client token", async () => {
    await assertNoLocalExplorer(host.base, "SessionStore");
  });

  it("gives agent code no Cache API to store anything in", async () => {
    const code = `
      const tries: string[] = [];
      for (const attempt of [() => (globalThis as any).caches.default.put("http://cache.test/x", new Response("${CANARY}")),
                             async () => (await (globalThis as any).caches.open("named")).put("http://cache.test/y", new Response("${CANARY}"))]) {
        try { await attempt(); tries.push("stored"); } catch (error) { tries.push(String(error)); }
      }
      return tries;`;
    const body = await execute(host.base, { code, check: false });
    assert.equal(body.result.length, 2, JSON.stringify(body));
    for (const outcome of body.result) assert.notEqual(outcome, "stored");
  });
});
