// The servers `npm run bench` measures, each started on free ports and
// stopped by the bench: `wrangler dev` Workers in a process group of their
// own (so a stop takes workerd with them), and the host the way `npm start`
// runs it (host/dev/start.mjs). Unlike the e2e tests' startHost, they wait
// up to STARTUP_MS, since the bench starts five processes on a busy machine.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { WRANGLER_DEV_ENV } from "../../host/dev/wrangler-env.mjs";
import { freePort } from "../e2e/host-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** How long a server may take to run its first request: wrangler bundles and starts workerd (twice for `npm start`), on a busy machine. */
const STARTUP_MS = 300_000;
/** How long one readiness probe may take. */
const PROBE_MS = 10_000;
const POLL_MS = 500;

/** Resolves with `promise`'s value, or undefined once `ms` have passed (a stalled body must not hold a poll past its deadline). */
function within(promise, ms) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * Polls `probe()` (true once the server is ready; may reject) until it says
 * so, `child` exits, or STARTUP_MS pass; then stops the server and rejects
 * with a sentence naming `what`.
 */
async function waitUntilReady({ what, child, probe, stop }) {
  const giveUp = Date.now() + STARTUP_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`${what} exited with code ${child.exitCode} before it answered; run it by hand to see why.`);
    }
    if ((await within(probe(), PROBE_MS)) === true) return;
    if (Date.now() > giveUp) {
      await stop();
      throw new Error(`${what} did not answer within ${STARTUP_MS} ms; run it by hand to see why.`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Starts `wrangler dev -c config` on a free port, with the environment of
 * `npm run start:single` (no metrics, no cf fetch) and a dev registry of its
 * own, so it neither finds nor is found by other engineers' dev sessions;
 * Workers started with the same `registry` directory find each other.
 * Resolves with `{ base, pid, stop }` once `GET /` answers below 500; `pid`
 * is the wrangler process's, whose descendants include its workerd.
 */
export async function startWranglerDev(config, { registry: sharedRegistry } = {}) {
  const port = await freePort();
  const inspector = await freePort();
  const registry = sharedRegistry ?? mkdtempSync(join(tmpdir(), "ghostwire-bench-registry-"));
  const child = spawn(join(root, "node_modules", ".bin", "wrangler"), ["dev", "-c", config, "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"], {
    cwd: root,
    env: { ...process.env, ...WRANGLER_DEV_ENV, WRANGLER_REGISTRY_PATH: registry },
    detached: true,
    stdio: ["ignore", "ignore", "ignore"],
  });
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
    if (sharedRegistry === undefined) rmSync(registry, { recursive: true, force: true });
  };
  const base = `http://localhost:${port}`;
  const probe = async () => {
    const response = await fetch(base);
    response.body?.cancel().catch(() => {});
    return response.status < 500;
  };
  await waitUntilReady({ what: `wrangler dev -c ${config}`, child, probe, stop });
  return { base, pid: child.pid, stop };
}

/**
 * Starts the host as `npm start` does (host/dev/start.mjs: host and runner,
 * two processes) on a free port. Resolves with `{ base, pid, stop }` once it runs
 * code; `stop()` sends SIGTERM, on which start.mjs stops both processes.
 */
export async function startLayered() {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, "host", "dev", "start.mjs"), "--port", String(port)], { cwd: root, stdio: "ignore" });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  };
  const base = `http://localhost:${port}`;
  const probe = async () => {
    const response = await fetch(`${base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: "return 'ready';", check: false }) });
    return response.ok && (await response.json()).result === "ready";
  };
  await waitUntilReady({ what: "npm start (host/dev/start.mjs)", child, probe, stop });
  return { base, pid: child.pid, stop };
}

/**
 * Starts the servers of `starters` (name → start function) one after the
 * other, which on a small machine is faster than all at once. Resolves with
 * name → server; when one fails to start, stops those already started and
 * rejects with its sentence.
 */
export async function startAll(starters) {
  const started = {};
  for (const [name, start] of Object.entries(starters)) {
    try {
      started[name] = await start();
    } catch (error) {
      await stopAll(started);
      throw new Error(`The bench could not start ${name}: ${error.message}`);
    }
  }
  return started;
}

/** Stops every server; never rejects. */
export async function stopAll(servers) {
  await Promise.allSettled(Object.values(servers).map((server) => server.stop()));
}
