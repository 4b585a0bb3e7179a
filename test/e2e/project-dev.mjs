// `wrangler dev` of a Worker project outside the repository (a copy of
// test/e2e/example-worker/ or agent-example/ with the packed package
// installed), for e2e tests that use Ghostwire the way a user's project does.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OFFLINE_WRANGLER_ENV } from "../../host/dev/wrangler-env.mjs";
import { freePort } from "./host-process.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WRANGLER = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
/** Longest a project's `wrangler dev` may take to answer. */
const STARTUP_MS = 120_000;

/**
 * Starts `wrangler dev <extraArgs>` in `cwd` on free ports, in its own process
 * group, with `registry` as its dev registry (a folder; Workers that share one
 * find each other's service bindings). Resolves once `ready(base)` resolves
 * true, with `{ base, stop }`; rejects with wrangler's output when it exits
 * first or STARTUP_MS pass.
 */
export async function startProjectDev({ cwd, extraArgs = [], registry, ready, what }) {
  const [port, inspector] = await Promise.all([freePort(), freePort()]);
  const base = `http://127.0.0.1:${port}`;
  const args = ["dev", ...extraArgs, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--show-interactive-dev-session=false"];
  // Offline only: a project turns wrangler's local observability and explorer off itself, as a user's would (example-worker/.env).
  const env = { ...process.env, ...OFFLINE_WRANGLER_ENV, WRANGLER_REGISTRY_PATH: registry };
  const dev = spawn(process.execPath, [WRANGLER, ...args], { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let printed = "";
  for (const stream of [dev.stdout, dev.stderr]) stream.on("data", (chunk) => (printed += chunk));
  const exited = new Promise((resolve) => dev.once("exit", resolve));
  const stop = async () => {
    if (dev.exitCode !== null) return;
    process.kill(-dev.pid, "SIGTERM");
    await exited;
  };
  const giveUp = Date.now() + STARTUP_MS;
  for (;;) {
    if (dev.exitCode !== null) throw new Error(`wrangler dev exited with code ${dev.exitCode} before ${what} answered on ${base}:\n${printed}`);
    try {
      if (await ready(base)) return { base, stop };
    } catch {
      // Not up yet.
    }
    if (Date.now() > giveUp) {
      await stop();
      throw new Error(`${what} did not answer on ${base} within ${STARTUP_MS} ms:\n${printed}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
