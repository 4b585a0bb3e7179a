// Packs this repository the way `npm publish` would and installs the tarball
// into a folder, for e2e tests that use Ghostwire as a package from outside the
// repository (the example Worker, the client in plain Node).
import { execFile } from "node:child_process";
import { accessSync, constants, rmSync } from "node:fs";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const run = promisify(execFile);
/** Packing runs the whole build (prepack); installing may fill the npm cache. */
const NPM_TIMEOUT_MS = 300_000;
/** Room for npm's output (the build prints through prepack) before execFile gives up. */
const NPM_OUTPUT_BYTES = 16 * 1024 * 1024;

let packed;

/**
 * Resolves with the absolute path of a tarball of this repository, packed by
 * `npm pack` (whose prepack script runs `npm run build`) into a fresh temp
 * folder. Packs once per process; later calls share the first tarball, and
 * the folder is removed when the process exits.
 */
export function packTarball() {
  packed ??= (async () => {
    const destination = await mkdtemp(join(tmpdir(), "ghostwire-pack-"));
    process.once("exit", () => rmSync(destination, { recursive: true, force: true }));
    await npm(["pack", "--pack-destination", destination], root);
    const tarballs = (await readdir(destination)).filter((name) => name.endsWith(".tgz"));
    if (tarballs.length !== 1) throw new Error(`npm pack left ${tarballs.length} tarballs in ${destination}, not one; see its output above.`);
    return join(destination, tarballs[0]);
  })();
  return packed;
}

/**
 * Installs `tarball` (a path from packTarball) into `dir` with its
 * dependencies, as `npm install <tarball>` in `dir` does: `dir` should hold a
 * package.json (npm creates one otherwise), whose other dependencies are
 * installed too. Prefers the npm cache, so it works offline once the
 * repository's own `npm install` has filled it. Rejects with npm's output if
 * the install fails.
 */
export async function installInto(dir, tarball) {
  await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], dir);
}

// An outer npm (`npm exec`, `npm run`) exports its configuration as npm_*
// variables, among them npm_config_local_prefix: inherited, it would make the
// inner npm work on this repository instead of `cwd`.
async function npm(args, cwd) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  try {
    await run("npm", args, { cwd, env, timeout: NPM_TIMEOUT_MS, maxBuffer: NPM_OUTPUT_BYTES });
  } catch (error) {
    throw new Error(`\`npm ${args.join(" ")}\` failed in ${cwd}: ${error.message}\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
}

/**
 * The first `node` on PATH outside node_modules: the system's Node (20 on
 * this project's machines), not the Node 22 that `npm run` puts first. Tests
 * run the installed package under it, as a user without Node 22 would.
 */
export function systemNode() {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "" || dir.split(sep).includes("node_modules")) continue;
    const candidate = join(dir, "node");
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here; look further along PATH.
    }
  }
  throw new Error("There is no `node` on PATH outside node_modules: install a system Node (20 or later) so this test can run the package under it.");
}
