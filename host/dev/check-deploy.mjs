// `npm run check:deploy`: what `wrangler deploy` would upload, measured
// offline, against the bundle budget (README, "Deploying").
//   1. `wrangler deploy --dry-run --outdir <temp> --outfile <temp>/worker.bundle`
//      builds the top level of wrangler.jsonc (or --config <path>) without
//      uploading anything.
//   2. It prints the raw and gzip size of the modules in the outdir: the main
//      module and every other module wrangler wrote, without source maps and
//      without the README.md wrangler writes there. Gzip is taken of all of
//      them in one stream, as wrangler takes it for its "Total Upload" line,
//      which is printed next to these figures for comparison.
//   3. `wrangler check startup --worker <temp>/worker.bundle` profiles the
//      Worker's startup in a local workerd (offline; loopback only) and it
//      prints the "Active" CPU time and the profile window. When that fails,
//      it says why and goes on: the size check does not depend on it.
// Exit code: 0 when the gzip size is within GZIP_BUDGET_BYTES; 1 when it is
// above, or when the build itself failed, with a sentence that says which.
//
// Usage: npm run check:deploy [-- --config path/to/wrangler.jsonc]
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { OFFLINE_WRANGLER_ENV } from "./wrangler-env.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const WRANGLER = join(root, "node_modules", ".bin", "wrangler");

/**
 * The most the gzip-compressed modules may weigh: 2,500,000 bytes, the
 * project's budget (issue 12). It was set as headroom under the Workers Free
 * plan's former limit of 3 MB compressed; Cloudflare has since replaced the
 * compressed limits with PLATFORM_LIMIT_BYTES uncompressed on every plan.
 */
const GZIP_BUDGET_BYTES = 2_500_000;
/** Cloudflare's Worker size limit on every plan: 64 MiB of modules, uncompressed. */
const PLATFORM_LIMIT_BYTES = 64 * 1024 * 1024;
/** How long one wrangler command may take before it is stopped and reported as hung. */
const WRANGLER_TIMEOUT_MS = 180_000;
/** The note wrangler writes into every --outdir; it is not a module. */
const WRANGLER_NOTE = "README.md";
const SOURCE_MAP = /\.map$/;
/** Terminal colour codes, which wrangler prints even into a pipe. */
const ANSI = /\x1b\[[0-9;]*m/g;
/** Wrangler's closing pointer to its own log file, left out of a failure report. */
const WRANGLER_LOG_NOTE = /Logs were written to/;

const env = { ...process.env, ...OFFLINE_WRANGLER_ENV };

function option(name) {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

/**
 * Runs wrangler with `args` in the repository, under the Node that runs this
 * script, in its own process group (so a timeout stops workerd too).
 * Resolves to its exit code (null when stopped), its combined output without
 * colour codes, and whether it ran out of time.
 */
function wrangler(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, WRANGLER_TIMEOUT_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output: output.replace(ANSI, ""), timedOut });
    });
  });
}

/**
 * Why a wrangler command failed, indented for printing under a sentence:
 * that it ran out of time, or its output from its first error on (without
 * the pointer to its log file), or else its last line.
 */
function failureOf({ output, timedOut }) {
  if (timedOut) return `    It did not finish within ${WRANGLER_TIMEOUT_MS / 1000} s.`;
  const lines = output.split("\n").filter((line) => !WRANGLER_LOG_NOTE.test(line));
  const firstError = lines.findIndex((line) => line.includes("[ERROR]"));
  const shown = firstError === -1 ? lines.filter((line) => line.trim()).slice(-1) : lines.slice(firstError);
  return shown
    .map((line) => `    ${line.trimEnd()}`)
    .join("\n")
    .trimEnd();
}

/**
 * The modules wrangler wrote into `outdir`, largest first, each as its path
 * relative to `outdir` and its bytes: every file, in subfolders too, except
 * source maps and wrangler's own note.
 */
function modulesIn(outdir) {
  const modules = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const name = relative(outdir, path);
      if (entry.isDirectory()) walk(path);
      else if (name !== WRANGLER_NOTE && !SOURCE_MAP.test(name)) modules.push({ name, bytes: readFileSync(path) });
    }
  };
  walk(outdir);
  return modules.sort((a, b) => b.bytes.length - a.bytes.length);
}

/** The raw size of `modules` and the size of all of them gzipped as one stream, in bytes. */
function sizeOf(modules) {
  const all = Buffer.concat(modules.map((module) => module.bytes));
  return { raw: all.length, gzip: gzipSync(all).length };
}

const bytes = (count) => count.toLocaleString("en-US");
const kib = (count) => `${(count / 1024).toFixed(1)} KiB`;
const mib = (count) => `${(count / 1024 / 1024).toFixed(2)} MiB`;

/** Prints the startup profile of the bundle at `bundle`, or why there is none. */
async function reportStartup(bundle, profile) {
  console.log("Startup (`wrangler check startup`, in a local workerd: its CPU is not Cloudflare's; the limit there is 1 s):");
  const result = await wrangler(["check", "startup", "--worker", bundle, "--outfile", profile]);
  const active = /Active: (.+)$/m.exec(result.output);
  const window = /Profile window: (.+)$/m.exec(result.output);
  if (result.code !== 0 || !active || !window) {
    console.log("  not measured: `wrangler check startup` failed, and the size check goes on without it. Wrangler said:");
    console.log(failureOf(result));
    return;
  }
  console.log(`  Active: ${active[1]}`);
  console.log(`  Profile window: ${window[1]}`);
}

async function main() {
  const config = option("--config");
  const work = mkdtempSync(join(tmpdir(), "ghostwire-check-deploy-"));
  try {
    const outdir = join(work, "out");
    const bundle = join(work, "worker.bundle");
    const build = await wrangler(["deploy", "--dry-run", "--outdir", outdir, "--outfile", bundle, ...(config ? ["--config", resolve(config)] : [])]);
    if (build.code !== 0) {
      console.error("check:deploy failed: `wrangler deploy --dry-run` could not build the Worker. Fix the build, then run `npm run check:deploy` again. Wrangler said:");
      console.error(failureOf(build));
      return 1;
    }
    for (const warning of build.output.split("\n").filter((line) => line.includes("[WARNING]"))) console.log(`wrangler: ${warning.trim()}`);

    const modules = modulesIn(outdir);
    const { raw, gzip } = sizeOf(modules);
    console.log(`Bundle of ${config ?? "wrangler.jsonc"} (\`wrangler deploy --dry-run\`), ${modules.length} module(s), source maps excluded:`);
    for (const module of modules) console.log(`  ${bytes(module.bytes.length).padStart(12)}  ${module.name}`);
    console.log(`  raw   ${bytes(raw).padStart(12)} bytes (${mib(raw)}, ${kib(raw)}); Cloudflare's limit ${mib(PLATFORM_LIMIT_BYTES)}`);
    console.log(`  gzip  ${bytes(gzip).padStart(12)} bytes (${mib(gzip)}, ${kib(gzip)}); budget ${bytes(GZIP_BUDGET_BYTES)}`);
    const own = /Total Upload: (.+)$/m.exec(build.output);
    if (own) console.log(`  wrangler's own line: Total Upload: ${own[1]}`);

    await reportStartup(bundle, join(work, "startup.cpuprofile"));

    if (gzip > GZIP_BUDGET_BYTES) {
      console.error(
        `check:deploy failed: the bundle is ${bytes(gzip)} bytes gzip, above the budget of ${bytes(GZIP_BUDGET_BYTES)} bytes. ` +
          "Make it smaller (minify, drop modules the deploy does not need) rather than raising the budget.",
      );
      return 1;
    }
    console.log(`check:deploy passed: ${bytes(gzip)} bytes gzip is within the budget of ${bytes(GZIP_BUDGET_BYTES)} bytes.`);
    return 0;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

process.exitCode = await main();
