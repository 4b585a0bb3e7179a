// Starts the real host the way `npm start` does (host/dev/start.mjs), on a free
// port, for Node-side end-to-end tests, and runs code on it. Every e2e file
// shares these helpers.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const STARTUP_MS = 120_000;

export function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The one way e2e tests run code: POSTs `body` (the fields of an execute
 * request) to `${base}/v1/execute`, asserts the status (default 200) and
 * resolves with the parsed answer. `headers` go beside content-type.
 */
export async function execute(base, body, { status = 200, headers = {} } = {}) {
  const response = await fetch(`${base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  assert.equal(response.status, status, `POST /v1/execute answered HTTP ${response.status}, not ${status}: ${text}`);
  return JSON.parse(text);
}

/**
 * Starts the host and waits until it runs code. `vars` become Worker
 * variables (`--var KEY:VALUE`). Resolves with its base URL, `stop()`, and
 * `output()`: everything the host processes printed since they became ready.
 * Set GHOSTWIRE_E2E_VERBOSE=1 to see the host's output.
 */
export async function startHost({ vars = {} } = {}) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const args = ["host/dev/start.mjs", "--port", String(port)];
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const dev = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  for (const stream of [dev.stdout, dev.stderr]) {
    stream.on("data", (chunk) => {
      printed += chunk;
      if (process.env.GHOSTWIRE_E2E_VERBOSE) process.stderr.write(chunk);
    });
  }
  const exited = new Promise((resolve) => dev.once("exit", resolve));
  const stop = async () => {
    if (dev.exitCode === null) dev.kill("SIGTERM");
    await exited;
  };
  const giveUp = Date.now() + STARTUP_MS;
  for (;;) {
    if (dev.exitCode !== null) throw new Error(`The host exited with code ${dev.exitCode} before it answered on ${base}.`);
    try {
      const response = await fetch(`${base}/v1/execute`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(vars.GHOSTWIRE_CLIENT_TOKEN && { authorization: `Bearer ${vars.GHOSTWIRE_CLIENT_TOKEN}` }) },
        body: JSON.stringify({ code: "return 'ready';", check: false }),
        signal: AbortSignal.timeout(10_000),
      });
      if (response.ok && (await response.json()).result === "ready") {
        const readyAt = printed.length;
        return { base, port, stop, output: () => printed.slice(readyAt) };
      }
    } catch {
      // Not up yet.
    }
    if (Date.now() > giveUp) {
      await stop();
      throw new Error(`The host did not answer on ${base} within ${STARTUP_MS} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
