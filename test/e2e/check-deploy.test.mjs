// `npm run check:deploy` (host/dev/check-deploy.mjs) against two tiny fixture
// Workers in temporary folders, so that it runs in seconds and needs no
// host: each has a main module and one Data module of random (incompressible)
// bytes, small in one, above the gzip budget in the other. It checks what
// the script counts (every module, no source map, not wrangler's note), that
// its gzip size agrees with wrangler's own, that it reports the startup
// profile, and that it fails above the budget.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, it } from "node:test";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SCRIPT = join(ROOT, "host", "dev", "check-deploy.mjs");
/** The script's budget (GZIP_BUDGET_BYTES); the large fixture's random bytes alone exceed it. */
const GZIP_BUDGET_BYTES = 2_500_000;
/** How far the script's gzip size may stray from wrangler's: the two compress the same bytes in a different order. */
const GZIP_AGREEMENT = 0.01;

const folders = [];
after(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

/** A Worker whose main module imports `blobBytes` random bytes as a Data module; returns its config's path. */
function fixtureWorker(blobBytes) {
  const folder = mkdtempSync(join(tmpdir(), "ghostwire-check-deploy-test-"));
  folders.push(folder);
  writeFileSync(join(folder, "blob.bin"), randomBytes(blobBytes));
  writeFileSync(
    join(folder, "worker.js"),
    'import blob from "./blob.bin";\nexport default { fetch: () => new Response(String(blob.byteLength)) };\n',
  );
  const config = { name: "check-deploy-fixture", main: "worker.js", compatibility_date: "2026-11-01" };
  writeFileSync(join(folder, "wrangler.jsonc"), JSON.stringify(config));
  return join(folder, "wrangler.jsonc");
}

/** Runs the script on `config`; resolves to its exit code and combined output. */
function checkDeploy(config) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [SCRIPT, "--config", config], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    for (const stream of [child.stdout, child.stderr]) stream.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => done({ code, output }));
  });
}

const count = (text) => Number(text.replaceAll(",", ""));

it("counts every module but no source map or wrangler's note, agrees with wrangler's gzip size, and passes within the budget", async () => {
  const blobBytes = 64 * 1024;
  const { code, output } = await checkDeploy(fixtureWorker(blobBytes));
  assert.equal(code, 0, output);

  const listed = [...output.matchAll(/^\s+([\d,]+)\s{2}(\S+)$/gm)].map(([, bytes, name]) => ({ name, bytes: count(bytes) }));
  assert.equal(listed.length, 2, output);
  assert.ok(listed.some((module) => module.name === "worker.js"), output);
  assert.equal(listed.find((module) => module.name.endsWith("blob.bin"))?.bytes, blobBytes, output);

  const raw = count(/^\s+raw\s+([\d,]+) bytes/m.exec(output)[1]);
  assert.equal(raw, listed.reduce((sum, module) => sum + module.bytes, 0));
  const gzip = count(/^\s+gzip\s+([\d,]+) bytes/m.exec(output)[1]);
  const wranglerGzipKib = Number(/Total Upload: [\d.]+ KiB \/ gzip: ([\d.]+) KiB/.exec(output)[1]);
  assert.ok(Math.abs(gzip / 1024 - wranglerGzipKib) <= wranglerGzipKib * GZIP_AGREEMENT, output);

  assert.match(output, /Active: \d+(\.\d+)? ms/);
  assert.match(output, /Profile window: \d+(\.\d+)? ms/);
  assert.match(output, /check:deploy passed/);
});

it("fails, saying so in a sentence, when the bundle is above the gzip budget", async () => {
  const { code, output } = await checkDeploy(fixtureWorker(GZIP_BUDGET_BYTES + 100_000));
  assert.equal(code, 1, output);
  assert.match(output, /check:deploy failed: the bundle is [\d,]+ bytes gzip, above the budget of 2,500,000 bytes/);
});

it("fails with wrangler's reason when the Worker does not build", async () => {
  const config = fixtureWorker(16);
  writeFileSync(join(dirname(config), "worker.js"), 'import missing from "./missing.js";\nexport default { fetch: () => new Response(missing) };\n');
  const { code, output } = await checkDeploy(config);
  assert.equal(code, 1, output);
  assert.match(output, /check:deploy failed: `wrangler deploy --dry-run` could not build the Worker/);
  assert.match(output, /missing\.js/);
});
