// ghostwire/client as a user gets it: the packed tarball installed into an
// empty folder, the README's client example run there against the real host
// under the system Node (20 here, no global WebSocket: HTTP batch) and under
// Node 22 (WebSocket), a provider on Node 20 with ws's WebSocket, and the
// declarations type-checked under moduleResolution nodenext and bundler.
// Run with: npm run test:e2e (Node 22 runs the test; the system Node is the
// first `node` on PATH outside node_modules).
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startHost } from "./host-process.mjs";
import { installInto, packTarball, systemNode } from "./package-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
/** Each client script must end by itself within this long once it started; past it, it is killed and the test fails. */
const EXIT_DEADLINE_MS = 5_000;
/** The README marks the client example it promises works with this comment on the line before its fence. */
const EXAMPLE_MARKER = "<!-- test/e2e/client-package.test.mjs runs this example -->";
/** The host URL the README's example names; the test puts the real host's in its place. */
const EXAMPLE_URL = "http://localhost:8787";
const CLIENT_TOKEN = "client-token-for-client-package-0123";
const PROVIDER_TOKEN = "provider-token-for-client-package-0123";

let host;
let folder;


/** The README's client example, as the README shows it, with the real host's URL. */
async function readmeExample() {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const at = readme.indexOf(EXAMPLE_MARKER);
  assert.notEqual(at, -1, `README.md has no line "${EXAMPLE_MARKER}" before the client example.`);
  const block = /```[a-z]*\n([\s\S]*?)\n```/.exec(readme.slice(at + EXAMPLE_MARKER.length));
  assert.ok(block, "README.md has no fenced code block after the client example's marker.");
  const code = block[1];
  assert.equal(code.split(EXAMPLE_URL).length, 2, `The README's client example must name the host as ${EXAMPLE_URL} exactly once, so the test can point it at the real host.`);
  return code.replace(EXAMPLE_URL, host.base);
}

/**
 * Runs `file` in the install folder under `node` with `env` added. Resolves
 * with its exit code and output; fails if it has not exited by itself within
 * EXIT_DEADLINE_MS (it is killed then).
 */
function runScript(node, file, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [file], { cwd: folder, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${file} under ${node} did not exit by itself within ${EXIT_DEADLINE_MS} ms, so it was killed. Its output:\n${stdout}${stderr}`));
    }, EXIT_DEADLINE_MS);
    child.once("error", (error) => {
      clearTimeout(deadline);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
  });
}

async function nodeVersion(node) {
  const { stdout } = await promisify(execFile)(node, ["--version"]);
  return stdout.trim();
}

before(async () => {
  const [tarball, started] = await Promise.all([
    packTarball(),
    startHost({ vars: { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN, GHOSTWIRE_PROVIDER_TOKEN: PROVIDER_TOKEN } }),
  ]);
  host = started;
  folder = await mkdtemp(join(tmpdir(), "ghostwire-client-"));
  await writeFile(join(folder, "package.json"), JSON.stringify({ name: "client-package-check", private: true, type: "module" }));
  await installInto(folder, tarball);
});

after(async () => {
  await host?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("ghostwire/client from the packed tarball", { timeout: 600_000 }, () => {
  it("runs the README's client example under the system Node and under Node 22, and each exits by itself", async () => {
    const system = systemNode();
    const versions = { system: await nodeVersion(system), current: process.version };
    assert.match(versions.current, /^v2[2-9]\.|^v[3-9]\d\./, `This test runs the example under Node 22 through the Node that runs it, which is ${versions.current}: run it with npm run test:e2e.`);
    await writeFile(join(folder, "example.mjs"), await readmeExample());
    for (const node of [system, process.execPath]) {
      const { code, stdout, stderr } = await runScript(node, "example.mjs", { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN });
      const label = node === system ? `the system Node ${versions.system}` : `Node ${versions.current}`;
      assert.equal(code, 0, `The README's example failed under ${label}:\n${stdout}${stderr}`);
      assert.equal(stdout, "[]\n[log] working\n3\n", `The README's example printed something else under ${label}:\n${stdout}${stderr}`);
    }
  });

  it("provides an API from the system Node with ws's WebSocket, and says what to do without one", async () => {
    const script = `
      import { RpcTarget, connect, provide } from "ghostwire/client";
      const { WebSocket } = await import(process.env.WS_MODULE);
      class Inventory extends RpcTarget {
        async stock({ sku }) { return { sku, count: 12 }; }
      }
      const contract = {
        name: "inventory",
        description: "Warehouse stock.",
        methods: { stock: { description: "Units in stock for one SKU.", input: { type: "object", properties: { sku: { type: "string" } }, required: ["sku"] } } },
      };
      const url = process.env.HOST_URL;
      const token = process.env.PROVIDER_TOKEN;
      await provide(url, { token, contract, implementation: new Inventory() }).then(
        () => console.log("provided without a WebSocket"),
        (error) => console.log(error.message),
      );
      const { session } = await provide(url, { token, contract, implementation: new Inventory(), WebSocket });
      const gw = connect(url, { token: process.env.CLIENT_TOKEN, WebSocket });
      const streamed = [];
      const response = await gw.execute("console.log('asking'); return await inventory.stock({ sku: 'A-1' });", { onLog: (entry) => streamed.push(entry.message) });
      console.log(JSON.stringify({ result: response.result, streamed }));
      gw[Symbol.dispose]();
      session[Symbol.dispose]();
    `;
    await writeFile(join(folder, "provider.mjs"), script);
    const env = { WS_MODULE: import.meta.resolve("ws"), HOST_URL: host.base, PROVIDER_TOKEN, CLIENT_TOKEN };
    const { code, stdout, stderr } = await runScript(systemNode(), "provider.mjs", env);
    assert.equal(code, 0, `The provider script failed:\n${stdout}${stderr}`);
    const [refusal, outcome] = stdout.trim().split("\n");
    assert.match(refusal, /^provide\(\) needs a WebSocket that sends an Authorization header, .*Node 22 or later, or pass one .*"ws"/);
    assert.deepEqual(JSON.parse(outcome), { result: { sku: "A-1", count: 12 }, streamed: ["asking"] });
  });

  it("type-checks against its declarations under moduleResolution nodenext and bundler, and they are not any", async () => {
    const usage = `
      import { RpcTarget, connect, provide, type ExecuteResponse, type GhostwireClient } from "ghostwire/client";

      class Inventory extends RpcTarget {
        async stock({ sku }: { sku: string }) {
          return { sku, count: 12 };
        }
      }
      const contract = { name: "inventory", description: "Stock.", methods: { stock: { description: "Stock.", input: { type: "object" } } } };

      export async function use(url: string): Promise<number> {
        const gw: GhostwireClient = connect(url, { token: "token", transport: "batch" });
        const names = gw.apiNames();
        const diagnostics = await gw.check("return 1 + 1;", names);
        const response: ExecuteResponse = await gw.execute("return 1;", { apis: ["math"], onLog: (entry) => entry.message.length });
        // @ts-expect-error the code is a string
        gw.execute(42);
        // @ts-expect-error the service has no such method
        gw.run("return 1;");
        // @ts-expect-error the transports are "websocket" and "batch"
        connect(url, { transport: "sse" });
        // @ts-expect-error an implementation extends RpcTarget
        await provide(url, { token: "token", contract, implementation: { stock: () => 1 } });
        const { session } = await provide(url, { token: "token", contract, implementation: new Inventory() });
        session[Symbol.dispose]();
        gw[Symbol.dispose]();
        return diagnostics.length + (response.ok ? 1 : 0);
      }
    `;
    await writeFile(join(folder, "usage.ts"), usage);
    // Plain projects: TypeScript's own lib only (esnext: with the DOM and Symbol.dispose), no @types, every declaration checked.
    const common = { target: "esnext", strict: true, skipLibCheck: false, noEmit: true, types: [] };
    const projects = {
      "tsconfig.nodenext.json": { module: "nodenext", moduleResolution: "nodenext" },
      "tsconfig.bundler.json": { module: "esnext", moduleResolution: "bundler" },
    };
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    for (const [file, resolution] of Object.entries(projects)) {
      await writeFile(join(folder, file), JSON.stringify({ compilerOptions: { ...common, ...resolution }, files: ["usage.ts"] }));
      const checked = await promisify(execFile)(process.execPath, [tsc, "-p", file], { cwd: folder }).then(
        () => "",
        (error) => `${error.stdout}${error.stderr}`,
      );
      assert.equal(checked, "", `tsc -p ${file} found errors in the client's declarations or their use:\n${checked}`);
    }
  });
});
