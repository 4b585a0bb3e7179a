// `npm start`: the layered local model (README, "Local: two processes"), offline, in
// one command. It starts two `wrangler dev` processes:
//   runner  host/isolates/runner/wrangler.jsonc: loads the isolates agent code runs in;
//   host    host/dev/wrangler.jsonc env "layered": the demo host, everything else; it reaches the
//           runner through the dev registry (service binding RUNNER).
// Local workerd aborts the whole process when one isolate exhausts its heap,
// and nothing can interrupt an isolate stuck inside one built-in call (e.g. a
// catastrophic regex). In its own process, either takes down only the runner:
// - a crash: wrangler restarts the runtime by itself;
// - a runner that stops answering: this script's watchdog kills it and starts
//   a new one.
// The host keeps serving, runs lost executions once more when it safely can,
// and reports the ones it could not (host/isolates/runner-launcher.ts). A runner
// started by the watchdog gets GHOSTWIRE_RUNNER_REPLACED_AT and
// GHOSTWIRE_RUNNER_REPLACED_FOR ("memory" when the runner it replaced had
// grown by most of a heap since it last answered, else "unresponsive"), so
// the host can tell CPU from memory, and a kill from a crash.
//
// Usage: npm start [-- --port 8787] [-- --var KEY:VALUE ...]
//   --var sets a Worker variable of the host (as `wrangler dev --var` does),
//   e.g. a limit from the README's table: --var GHOSTWIRE_TIMEOUT_MS:5000.
//   Variables named GHOSTWIRE_RUNNER_* go to the runner instead, e.g.
//   --var GHOSTWIRE_RUNNER_MAX_EXECUTIONS:100 (host/isolates/runner/index.ts).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { groupMemoryMb } from "./process-memory.mjs";
import { WRANGLER_DEV_ENV } from "./wrangler-env.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WRANGLER = join(root, "node_modules", ".bin", "wrangler");

/** Each isolate's heap in the runner, as in production (128 MB): a memory bomb aborts in seconds, not after 30 s of GC. */
const RUNNER_HEAP_MB = 128;
const HEALTH_EVERY_MS = 1000;
const HEALTH_TIMEOUT_MS = 1500;
/** Consecutive failed health checks after which the runner is killed and started again. */
const HEALTH_FAILURES = 4;
/**
 * How long after the runner's workerd crashed the watchdog leaves it alone:
 * wrangler restarts it by itself, and a slow restart is not a stuck runner
 * (killing it would make the host report a crash as CPU).
 */
const CRASH_RESTART_GRACE_MS = 30_000;
/** How the runner's output says its workerd crashed: V8 ran out of heap, or the process aborted (SIGABRT). */
const RUNNER_CRASH_LOG = /Reached heap limit|Received signal #6:/;
/**
 * How much the runner's resident memory must have grown since its last
 * answered health check for a runner that stopped answering to count as
 * stuck on memory (its heap thrashing near the limit, before V8 gives up)
 * rather than on CPU: three quarters of one isolate's heap.
 */
const MEMORY_GROWTH_MB = (RUNNER_HEAP_MB * 3) / 4;
/** How wrangler says the runner listens. */
const RUNNER_READY_LOG = /Ready on http/;
/** Worker variables for the runner rather than the host. */
const RUNNER_VAR = /^GHOSTWIRE_RUNNER_/;
const STOP_GRACE_MS = 3000;
/** The watchdog's own health checks, which wrangler would log every second. */
const HEALTH_LOG = /\[wrangler:info\] GET \/ 200 /;

const env = { ...process.env, ...WRANGLER_DEV_ENV };

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : process.argv[at + 1];
}

/** The `--var KEY:VALUE` pairs for the runner (`forRunner`) or for the host, as wrangler arguments. */
function varArgs(forRunner = false) {
  const args = [];
  process.argv.forEach((arg, at) => {
    const pair = process.argv[at + 1];
    if (arg === "--var" && pair !== undefined && RUNNER_VAR.test(pair) === forRunner) args.push("--var", pair);
  });
  return args;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a wrangler dev process in its own process group, its output prefixed with `label` and each line passed to `onLine`. */
function startWrangler(label, args, extraEnv = {}, onLine = () => {}) {
  const child = spawn(WRANGLER, ["dev", "--show-interactive-dev-session=false", ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  for (const stream of [child.stdout, child.stderr]) {
    let pending = "";
    stream.on("data", (chunk) => {
      const lines = (pending + chunk).split("\n");
      pending = lines.pop();
      for (const line of lines) {
        onLine(line);
        if (!HEALTH_LOG.test(line)) process.stdout.write(`[${label}] ${line}\n`);
      }
    });
  }
  return child;
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * Stops a wrangler process group: SIGINT first, so wrangler withdraws its
 * dev-registry entry (a new runner could not register under the same name
 * for 90 s otherwise), then SIGKILL for whatever is stuck, such as a workerd
 * spinning inside a regular expression.
 */
async function stopGroup(child) {
  const exited = new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve()));
  signalGroup(child, "SIGINT");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
  signalGroup(child, "SIGKILL");
}

async function healthy(port) {
  try {
    const response = await fetch(`http://localhost:${port}/`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/** The client token given with --var, if any, as a header: the host then requires it to run code. */
function clientAuthorization() {
  const token = varArgs()
    .filter((arg) => arg.startsWith("GHOSTWIRE_CLIENT_TOKEN:"))
    .map((arg) => arg.slice("GHOSTWIRE_CLIENT_TOKEN:".length))[0];
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/** Says where to start once the host runs code, so a new user is not left reading wrangler's output. */
async function announceWhenReady(port) {
  const base = `http://localhost:${port}`;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      const response = await fetch(`${base}/v1/execute`, {
        method: "POST",
        headers: { "content-type": "application/json", ...clientAuthorization() },
        // Type-checked, so the checker is warm before the first real request.
        body: JSON.stringify({ code: "return 1 + 1;" }),
        signal: AbortSignal.timeout(10_000),
      });
      if ((await response.json()).result === 2) break;
    } catch {
      // Not up yet.
    }
  }
  process.stdout.write(
    [
      "",
      `[dev] Ghostwire is ready on ${base}`,
      `[dev]   curl -s ${base}/v1/types            # the TypeScript agents code against`,
      `[dev]   curl -s ${base}/v1/execute -H 'content-type: application/json' -d '{"code":"return await math.add({ a: 20, b: 22 });"}'`,
      "[dev] Ctrl-C stops both processes.",
      "",
    ].join("\n") + "\n",
  );
}

async function main() {
  const hostPort = option("--port", "8787");
  // A dev registry of this session's own, emptied first: an entry left by a
  // killed session would keep a new runner from registering for 90 s, and
  // sessions on other ports must not find each other's runner.
  const registry = join(tmpdir(), `ghostwire-dev-registry-${hostPort}`);
  rmSync(registry, { recursive: true, force: true });
  env.WRANGLER_REGISTRY_PATH = registry;
  const runnerPort = await freePort();
  const runnerInspector = await freePort();
  const runnerArgs = ["-c", "host/isolates/runner/wrangler.jsonc", "--port", String(runnerPort), "--inspector-port", String(runnerInspector), ...varArgs(true)];
  const runnerEnv = { MINIFLARE_WORKERD_V8_FLAGS: `--max-old-space-size=${RUNNER_HEAP_MB}` };
  // The watchdog counts failed health checks only once the runner has said it
  // is ready or has answered one, so a slow start is not taken for a stuck
  // runner; a runner that gets stuck on its first execution is still caught.
  let answered = false;
  // Until then, failed health checks are not counted: set when the runner crashed and wrangler is restarting it.
  let graceUntil = 0;
  const onRunnerLine = (line) => {
    if (RUNNER_READY_LOG.test(line)) answered = true;
    if (RUNNER_CRASH_LOG.test(line)) graceUntil = Date.now() + CRASH_RESTART_GRACE_MS;
  };

  let runner = startWrangler("runner", runnerArgs, runnerEnv, onRunnerLine);
  const host = startWrangler("host", ["-c", "host/dev/wrangler.jsonc", "--env", "layered", "--port", hostPort, ...varArgs()]);
  let stopping = false;

  const stop = async (code) => {
    stopping = true;
    await Promise.all([stopGroup(host), stopGroup(runner)]);
    rmSync(registry, { recursive: true, force: true });
    process.exit(code);
  };
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
  host.on("exit", (code) => {
    if (!stopping) stop(code ?? 1);
  });

  void announceWhenReady(hostPort);

  let failures = 0;
  let memoryWhenHealthy;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    if (stopping) return;
    if (await healthy(runnerPort)) {
      answered = true;
      graceUntil = 0;
      failures = 0;
      memoryWhenHealthy = await groupMemoryMb(runner.pid);
      continue;
    }
    if (!answered || Date.now() < graceUntil || ++failures < HEALTH_FAILURES) continue;
    // Decided now: every execution the host sent before this moment and lost was lost to this kill.
    const replacedAt = Date.now();
    const memory = await groupMemoryMb(runner.pid);
    const grownMb = memory === undefined || memoryWhenHealthy === undefined ? 0 : memory - memoryWhenHealthy;
    const reason = grownMb >= MEMORY_GROWTH_MB ? "memory" : "unresponsive";
    process.stdout.write(
      `[dev] The runner stopped answering for ${HEALTH_FAILURES} health checks (its memory grew ${Math.round(grownMb)} MB since the last one it answered); killing it and starting a new one.\n`,
    );
    await stopGroup(runner);
    const replaced = ["--var", `GHOSTWIRE_RUNNER_REPLACED_AT:${replacedAt}`, "--var", `GHOSTWIRE_RUNNER_REPLACED_FOR:${reason}`];
    runner = startWrangler("runner", [...runnerArgs, ...replaced], runnerEnv, onRunnerLine);
    memoryWhenHealthy = undefined;
    answered = false;
    failures = 0;
  }
}

await main();
