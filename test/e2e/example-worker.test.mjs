// The example Worker (test/e2e/example-worker/) as a user gets it: copied out
// of the repository, with Ghostwire installed from the packed tarball, type-
// checked against the installed declarations, and served by `wrangler dev`.
// The repository's own wrangler and tsc run it, so nothing but the package and
// its dependencies is installed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { execute } from "./host-process.mjs";
import { assertNoLocalExplorer } from "./local-explorer.mjs";
import { OFFLINE_WRANGLER_ENV } from "../../host/dev/wrangler-env.mjs";
import { startProjectDev } from "./project-dev.mjs";
import { installInto, packTarball } from "./package-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLE = join(root, "test", "e2e", "example-worker");
const WRANGLER = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const TSC = join(root, "node_modules", "typescript", "bin", "tsc");
const TOKEN = randomBytes(24).toString("base64url");
const run = promisify(execFile);

let project;
let host;

/** Runs `wrangler <args>` or `tsc <args>` (the repository's) in the copied project, rejecting with its output. */
async function tool(script, args, env = {}) {
  try {
    await run(process.execPath, [script, ...args], { cwd: project, env: { ...process.env, ...env } });
  } catch (error) {
    throw new Error(`${script} ${args.join(" ")} failed in ${project}:\n${error.stdout}${error.stderr}`);
  }
}

/** `wrangler dev` of the copied project, ready once it runs code with the client token. */
function startExample() {
  return startProjectDev({
    cwd: project,
    extraArgs: ["--var", `GHOSTWIRE_CLIENT_TOKEN:${TOKEN}`],
    registry: join(project, ".dev-registry"),
    what: "The example Worker",
    ready: async (base) => (await execute(base, { code: "return 'ready';", check: false }, { headers: { authorization: `Bearer ${TOKEN}` } })).result === "ready",
  });
}

before(async () => {
  project = await mkdtemp(join(tmpdir(), "ghostwire-example-"));
  await cp(EXAMPLE, project, { recursive: true, filter: (source) => !/[\\/](node_modules|\.wrangler)$|worker-configuration\.d\.ts$/.test(source) });
  // The tools (wrangler, typescript) come from the repository, not the registry.
  const manifest = JSON.parse(await readFile(join(project, "package.json"), "utf8"));
  delete manifest.devDependencies;
  await writeFile(join(project, "package.json"), JSON.stringify(manifest, null, 2));
  await installInto(project, await packTarball());
  // The example's own `npm run types`, with the repository's wrangler.
  const [command, ...typesArgs] = manifest.scripts.types.split(" ");
  assert.equal(command, "wrangler", `The example's "types" script should run wrangler, not ${command}.`);
  await tool(WRANGLER, typesArgs, OFFLINE_WRANGLER_ENV);
  host = await startExample();
});

after(async () => {
  await host?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

test("the example type-checks against the installed package's declarations", async () => {
  await tool(TSC, ["-p", ".", "--skipLibCheck", "false"]);
});

test("the example Worker runs agent code against its own API, with the client token", async () => {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const converted = await execute(host.base, { code: `return await units.convert({ value: 1500, from: "m", to: "km" });` }, { headers: auth });
  assert.equal(converted.ok, true, JSON.stringify(converted));
  assert.equal(converted.result, 1.5);
  // The API's declarations reach the type check of agent code.
  const mistyped = await execute(host.base, { code: `return await units.convert({ value: 1, from: "m", to: "mile" });` }, { headers: auth });
  assert.equal(mistyped.ok, false);
  assert.match(mistyped.diagnostics[0].message, /"mile"/);
});

test("the example Worker refuses code without the client token, or with another", async () => {
  const anonymous = await execute(host.base, { code: "return 1;" }, { status: 401 });
  assert.equal(anonymous.error.code, "client_token_required");
  const wrong = await execute(host.base, { code: "return 1;" }, { status: 401, headers: { authorization: `Bearer ${"x".repeat(TOKEN.length)}` } });
  assert.equal(wrong.result, undefined);
});

test("the example's .env keeps wrangler's local observability and explorer off: no traces on disk, no Durable Objects served past the token", async () => {
  await assertNoLocalExplorer(host.base, "SessionStore");
  // The trace collector makes its folder when wrangler starts, before any request.
  assert.equal(existsSync(join(project, ".wrangler", "state", "v3", "observability")), false);
});

test("the example Worker serves the playground from the installed package, its script included", async () => {
  const page = await fetch(`${host.base}/playground`);
  assert.equal(page.status, 200);
  const script = /src="(\/playground\/app\.[0-9a-f]{16}\.js)"/.exec(await page.text())?.[1];
  assert.ok(script, "the page names no built script");
  const served = await fetch(`${host.base}${script}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get("content-type"), "text/javascript; charset=utf-8");
});
