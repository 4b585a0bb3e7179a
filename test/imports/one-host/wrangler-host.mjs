// Builds the one-host step's Worker (worker.ts), serves it with `wrangler dev`
// on free loopback ports, reads its memory and stops it.
import { spawn, execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { WRANGLER_DEV_ENV } from "../../../host/dev/wrangler-env.mjs";
import { freePort } from "../../e2e/host-process.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..");
const WRANGLER = join(root, "node_modules", ".bin", "wrangler");
/** Longest a host may take to answer once started: it bundles and loads ~15 MB of spec JSON. */
const STARTUP_MS = 300_000;
const STOP_GRACE_MS = 5_000;
const WRANGLER_ENV = { ...process.env, ...WRANGLER_DEV_ENV };

/** What every Ghostwire Worker declares (README, "Register your own APIs"). */
const BINDINGS = {
  compatibility_date: "2026-11-01",
  compatibility_flags: ["nodejs_compat"],
  worker_loaders: [{ binding: "LOADER" }],
  durable_objects: {
    bindings: [
      { name: "SESSIONS", class_name: "SessionStore" },
      { name: "PROVIDERS", class_name: "ProviderHost" },
      { name: "PROVIDER_DIRECTORY", class_name: "ProviderDirectory" },
      { name: "ELICITATIONS", class_name: "ElicitationMailbox" },
    ],
  },
  migrations: [{ tag: "v1", new_sqlite_classes: ["SessionStore", "ProviderHost", "ProviderDirectory", "ElicitationMailbox"] }],
  ratelimits: [{ name: "FAILED_TOKEN_ATTEMPTS", namespace_id: "1001", simple: { limit: 30, period: 60 } }],
  vars: { GHOSTWIRE_ALLOW_ANONYMOUS: "true" },
  send_metrics: false,
  observability: { enabled: false },
};

/** Runs wrangler with `args`; resolves with its exit code and the end of its output. */
function wrangler(args) {
  const child = spawn(WRANGLER, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: WRANGLER_ENV });
  let printed = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (printed = (printed + chunk).slice(-4000)));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, printed })));
}

/**
 * Builds worker.ts once, as `wrangler deploy --dry-run` bundles it, with
 * "ghostwire-one-host-imports" aliased to a generated module that lists
 * `imports` ({ name, egress, path }: the spec JSON at `path`), and writes a
 * config that serves that bundle as it is (`wrangler dev --no-bundle`).
 * Served prebuilt, the host is not rebuilt and reloaded whenever a file of
 * the repository changes, which with ~15 MB of bundled specs takes minutes.
 * Resolves with the serving config's path; rejects with wrangler's output.
 */
export async function buildHost(dir, name, imports) {
  mkdirSync(dir, { recursive: true });
  const lines = imports.map((entry, i) => `import spec${i} from ${JSON.stringify(entry.path)};`);
  const list = imports.map((entry, i) => `{ name: ${JSON.stringify(entry.name)}, egress: ${JSON.stringify(entry.egress)}, spec: spec${i} }`);
  writeFileSync(join(dir, "imports.mjs"), `${lines.join("\n")}\nexport default [${list.join(", ")}];\n`);
  const build = { name, main: join(here, "worker.ts"), define: { __filename: '"/typescript.js"' }, alias: { "ghostwire-one-host-imports": join(dir, "imports.mjs") }, ...BINDINGS };
  writeFileSync(join(dir, "build.json"), JSON.stringify(build, null, 2));
  const out = join(dir, "out");
  const built = await wrangler(["deploy", "--dry-run", "--outdir", out, "-c", join(dir, "build.json")]);
  if (built.code !== 0) throw new Error(`wrangler deploy --dry-run could not build ${name}: ${built.printed.trim().split("\n").slice(-5).join(" / ")}`);
  const serve = join(dir, "serve.json");
  writeFileSync(serve, JSON.stringify({ name, main: join(out, "worker.js"), ...BINDINGS }, null, 2));
  return serve;
}

/**
 * Starts `wrangler dev --no-bundle -c config` in a process group of its own and waits
 * until it runs code. Resolves with its base URL, `rssMb()` (its workerd's
 * resident memory) and `stop()`; rejects with the end of its output when it
 * exits or does not answer within STARTUP_MS.
 */
export async function startHost(config, persistTo, vars = {}) {
  const [port, inspector] = [await freePort(), await freePort()];
  const args = ["dev", "-c", config, "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", persistTo, "--no-bundle", "--show-interactive-dev-session=false"];
  for (const [key, value] of Object.entries(vars)) args.push("--var", `${key}:${value}`);
  const child = spawn(WRANGLER, args, { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"], env: WRANGLER_ENV });
  let printed = "";
  for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (printed = (printed + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    if (child.exitCode === null) {
      process.kill(-child.pid, "SIGTERM");
      const killer = setTimeout(() => child.exitCode === null && process.kill(-child.pid, "SIGKILL"), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    }
  };
  const base = `http://127.0.0.1:${port}`;
  const giveUp = Date.now() + STARTUP_MS;
  while (Date.now() < giveUp && child.exitCode === null) {
    try {
      const response = await fetch(`${base}/v1/execute`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: "return 'ready';", check: false }), signal: AbortSignal.timeout(10_000) });
      if (response.ok && (await response.json()).result === "ready") return { base, stop, rssMb: () => workerdRssMb(child.pid) };
    } catch {
      // Not up yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await stop();
  throw new Error(`wrangler dev -c ${config} did not answer on ${base} within ${STARTUP_MS / 1000} s. Its output ended with: ${printed.trim().split("\n").slice(-5).join(" / ")}`);
}

/** Resident memory, in MB, of the workerd processes in process group `pgid` (wrangler's own Node process left out); undefined when ps lists none. */
function workerdRssMb(pgid) {
  return new Promise((resolve) => {
    execFile("ps", ["-A", "-o", "pgid=,rss=,comm="], (error, stdout) => {
      if (error) return resolve(undefined);
      const kb = stdout
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .filter(([group, , command]) => Number(group) === pgid && command === "workerd")
        .reduce((sum, [, rss]) => sum + Number(rss), 0);
      resolve(kb > 0 ? Math.round(kb / 1024) : undefined);
    });
  });
}
