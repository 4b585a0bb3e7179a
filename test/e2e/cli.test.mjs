// The `ghostwire` command line as a user gets it: the packed tarball
// installed into an empty folder, its bin (dist/cli.js) run against the real
// host (with a client token) under the system Node (20 here) and under
// Node 22. Covers every subcommand, live logs, code frames and colors, stdin,
// the exit codes, the stdio MCP server through the official SDK client over
// StdioClientTransport, and the README's two examples as they stand.
// Run with: npm run test:e2e (or npm exec -- node --test test/e2e/cli.test.mjs)
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { freePort, startHost } from "./host-process.mjs";
import { installInto, packTarball, systemNode } from "./package-install.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLIENT_TOKEN = "client-token-for-cli-e2e-0123456789";
/** A CLI run that has not exited by itself within this long is killed, and its test fails. */
const EXIT_DEADLINE_MS = 60_000;
/** The README marks the examples this test runs with these comments on the line before their fences. */
const CLI_MARKER = "<!-- test/e2e/cli.test.mjs runs this command-line example -->";
const MCP_MARKER = "<!-- test/e2e/cli.test.mjs runs this stdio MCP example -->";
/** The host URL the README's examples name; the test puts the real host's in its place. */
const EXAMPLE_URL = "http://localhost:8787";

let host;
let folder;
let cliPath;
/** An address where nothing listens. */
let deadUrl;


/** The environment of a CLI run: this process's, without anything that would change the CLI's behaviour, plus `env`. */
function cliEnv(env = {}) {
  const inherited = Object.entries(process.env).filter(([key]) => !/^(GHOSTWIRE_|NO_COLOR$|FORCE_COLOR$|npm_)/i.test(key));
  return { ...Object.fromEntries(inherited), ...env };
}

/** Starts `ghostwire args…` under `node` in the install folder; `done` resolves with its exit code and output. */
function startCli(args, { node = process.execPath, env = {}, input } = {}) {
  const child = spawn(node, [cliPath, ...args], { cwd: folder, env: cliEnv(env), stdio: ["pipe", "pipe", "pipe"] });
  const run = { child, stdout: "", stderr: "" };
  child.stdout.on("data", (chunk) => (run.stdout += chunk));
  child.stderr.on("data", (chunk) => (run.stderr += chunk));
  if (input === undefined) child.stdin.end();
  else child.stdin.end(input);
  run.done = new Promise((resolve, reject) => {
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`ghostwire ${args.join(" ")} did not exit within ${EXIT_DEADLINE_MS} ms, so it was killed. Its output:\n${run.stdout}${run.stderr}`));
    }, EXIT_DEADLINE_MS);
    child.once("exit", (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout: run.stdout, stderr: run.stderr });
    });
  });
  return run;
}

const cli = (args, options) => startCli(args, options).done;
const withToken = (env = {}) => ({ GHOSTWIRE_URL: host.base, GHOSTWIRE_TOKEN: CLIENT_TOKEN, ...env });

/** Writes `text` into the install folder as `name`; resolves with its name (the CLI runs there). */
async function file(name, text) {
  await writeFile(join(folder, name), text);
  return name;
}

/** The fenced block after `marker` in README.md. */
async function readmeBlock(marker) {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const at = readme.indexOf(marker);
  assert.notEqual(at, -1, `README.md has no line "${marker}" before the example it promises works.`);
  const block = /```[a-z]*\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length));
  assert.ok(block, `README.md has no fenced code block after "${marker}".`);
  return block[1];
}

before(async () => {
  // One after the other: packing builds the package, and the host's start is slow enough on a busy machine.
  const tarball = await packTarball();
  folder = await mkdtemp(join(tmpdir(), "ghostwire-cli-"));
  await writeFile(join(folder, "package.json"), JSON.stringify({ name: "cli-check", private: true, type: "module" }));
  await installInto(folder, tarball);
  cliPath = join(folder, "node_modules", "ghostwire", "dist", "cli.js");
  host = await startHost({ vars: { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN } });
  deadUrl = `http://localhost:${await freePort()}`;
});

after(async () => {
  await host?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("the ghostwire bin from the packed tarball", { timeout: 600_000 }, () => {
  it("prints --help for itself and every command on the system Node, and is linked as node_modules/.bin/ghostwire", async () => {
    const node = systemNode();
    const main = await cli(["--help"], { node });
    assert.equal(main.code, 0, main.stderr);
    for (const command of ["run", "check", "types", "mcp"]) assert.match(main.stdout, new RegExp(`^  ${command} `, "m"));
    assert.match(main.stdout, /GHOSTWIRE_URL.*http:\/\/localhost:8787/s);
    assert.match(main.stdout, /^ {2}4 {2}the host refused/m);
    for (const command of ["run", "check", "types", "mcp"]) {
      const help = await cli([command, "--help"], { node });
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`^Usage: ghostwire ${command} `));
      assert.match(help.stdout, /--url <url>.*\n.*--token <token>/);
    }
    const linked = await new Promise((resolve) => {
      const child = spawn(join(folder, "node_modules", ".bin", "ghostwire"), ["types", "--help"], { cwd: folder, env: cliEnv(), stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.once("exit", (code) => resolve({ code, stdout }));
    });
    assert.equal(linked.code, 0);
    assert.match(linked.stdout, /^Usage: ghostwire types/);
  });

  it("streams logs to stderr while the code still runs (system Node, over ws), then prints the result; stdin and --session work", async () => {
    const session = await fetch(`${host.base}/v1/sessions`, { method: "POST", headers: { authorization: `Bearer ${CLIENT_TOKEN}` } }).then((response) => response.json());
    // The code cannot finish before the test sets "go", which it does only once the first log has arrived.
    const waiter = await file(
      "wait.ts",
      'console.log("waiting for go");\nconsole.warn("hostile \\u001b[2J text");\nfor (;;) {\n  if (await session.get({ key: "go" })) return { went: true };\n  await new Promise((resolve) => setTimeout(resolve, 100));\n}\n',
    );
    // The flag wins over GHOSTWIRE_URL, which points nowhere.
    const run = startCli(["run", waiter, "--session", session.session, "--url", host.base], { node: systemNode(), env: { GHOSTWIRE_URL: deadUrl, GHOSTWIRE_TOKEN: CLIENT_TOKEN } });
    const seen = await Promise.race([
      new Promise((resolve) => run.child.stderr.on("data", () => run.stderr.includes("waiting for go\n") && resolve(true))),
      run.done.then(() => false),
    ]);
    assert.ok(seen, `The first log never arrived while the code ran:\n${run.stdout}${run.stderr}`);
    assert.equal(run.child.exitCode, null, "The CLI exited before the code was told to finish.");
    assert.equal(run.stdout, "", "The CLI printed a result before the code was told to finish.");
    const setter = await cli(["run", "-", "--session", session.session], { input: 'await session.set({ key: "go", value: true });\nreturn "set";', env: withToken() });
    assert.equal(setter.code, 0, setter.stderr);
    assert.equal(setter.stdout, '"set"\n');
    const { code, stdout, stderr } = await run.done;
    assert.equal(code, 0, stderr);
    assert.deepEqual(JSON.parse(stdout), { went: true });
    assert.equal(stderr, "waiting for go\n[warn] hostile \\u001b[2J text\n", "Logs are printed as they come, with control characters escaped.");
  });

  it("prints a type error as a code frame, plain when piped and colored when forced, and exits 1", async () => {
    const bad = await file("bad.ts", 'const a = 1;\nconst n: number = "x";\nreturn n + a;\n');
    const plain = await cli(["run", bad], { env: withToken() });
    assert.equal(plain.code, 1, plain.stderr);
    assert.equal(plain.stdout, "");
    assert.match(plain.stderr, /^bad\.ts:2:7 - error TS2322: Type 'string' is not assignable to type 'number'\.\n {2}1 \| const a = 1;\n> 2 \| const n: number = "x";\n {4}\| {7}\^\n {2}3 \| return n \+ a;\n/);
    assert.match(plain.stderr, /CompileError: 1 type error/);
    assert.doesNotMatch(plain.stderr, /\u001b/);
    const colored = await cli(["run", bad], { env: withToken({ FORCE_COLOR: "1" }) });
    assert.equal(colored.code, 1);
    assert.match(colored.stderr, /\u001b\[31merror TS2322\u001b\[39m/);
    const noColor = await cli(["run", bad], { env: withToken({ FORCE_COLOR: "1", NO_COLOR: "1" }) });
    assert.doesNotMatch(noColor.stderr, /\u001b/);
  });

  it("prints a runtime error at its line as a code frame and exits 1", async () => {
    const boom = await file("boom.ts", 'const items = [1, 2];\nif (items.length > 1) {\n  throw new RangeError("too many items");\n}\nreturn items;\n');
    const { code, stdout, stderr } = await cli(["run", boom], { env: withToken() });
    assert.equal(code, 1, stderr);
    assert.equal(stdout, "");
    assert.match(stderr, /^boom\.ts:3:\d+ - RangeError: too many items\n(.*\n)*> 3 \| {3}throw new RangeError/);
  });

  it("check prints diagnostics only and exits 1 on any; types prints the declarations", async () => {
    const bad = await file("check-bad.ts", "const total: number = await math.add({ a: 1, b: '2' });\nreturn total;\n");
    const failed = await cli(["check", bad, "--apis", "math"], { env: withToken() });
    assert.equal(failed.code, 1, failed.stderr);
    assert.match(failed.stdout, /^check-bad\.ts:1:\d+ - error TS2322: .*\n> 1 \| const total/);
    assert.equal(failed.stderr, "check-bad.ts: 1 type error.\n");
    const good = await cli(["check", "-", "--apis", "math"], { input: "return await math.add({ a: 1, b: 2 });", env: withToken() });
    assert.equal(good.code, 0, good.stderr);
    assert.equal(good.stdout, "");
    assert.equal(good.stderr, "<stdin>: no type errors.\n");
    const types = await cli(["types", "--apis", "math"], { env: withToken() });
    assert.equal(types.code, 0, types.stderr);
    assert.match(types.stdout, /^declare const math: \{/m);
    assert.doesNotMatch(types.stdout, /declare const weather/);
  });

  it("exits 2 for usage errors, before reaching any host, naming what is valid", async () => {
    const usage = async (args, pattern, input) => {
      const { code, stdout, stderr } = await cli(args, { env: { GHOSTWIRE_URL: deadUrl }, input });
      assert.equal(code, 2, `ghostwire ${args.join(" ")}: ${stderr}`);
      assert.equal(stdout, "");
      assert.match(stderr, pattern);
    };
    await usage(["run", "x.ts", "--bogus"], /Unknown flag "--bogus" for `ghostwire run`; the valid ones are --apis, --session, --no-check, --url, --token, --help\./);
    await usage(["types", "--no-check"], /Unknown flag "--no-check" for `ghostwire types`; the valid ones are --apis, --url, --token, --help\./);
    await usage(["run"], /`ghostwire run` needs a file of code/);
    await usage(["run", "missing.ts"], /Cannot read missing\.ts \(no such file\)/);
    await usage(["run", "x.ts", "--url"], /--url needs a value/);
    await usage(["deploy"], /Unknown command "deploy"; the commands are run, check, types, mcp\./);
    await usage(["run", "x.ts", "--url", "ftp://host"], /is a ftp: URL/);
    const large = await file("large.ts", `return ${JSON.stringify("x".repeat(1024 * 1024))};\n`);
    await usage(["run", large], /large\.ts is 1,048,5\d\d bytes, and no Ghostwire host accepts code over 1,048,576 bytes \(GHOSTWIRE_MAX_CODE_BYTES is 65,536 bytes by default/);
    await usage(["run", "-"], /<stdin> is more than 1,048,576 bytes/, "x".repeat(1024 * 1024 + 1));
  });

  it("exits 3 when the host cannot be reached and 4 when it refuses a token, with a sentence saying what to do", async () => {
    const code = await file("one.ts", "return 1;\n");
    const unreachable = await cli(["run", code, "--url", deadUrl]);
    assert.equal(unreachable.code, 3, unreachable.stderr);
    assert.equal(unreachable.stderr, `ghostwire: Could not reach a Ghostwire host at ${deadUrl}: start one (npm start), or pass its address with --url or GHOSTWIRE_URL.\n`);
    const noToken = await cli(["run", code], { env: { GHOSTWIRE_URL: host.base } });
    assert.equal(noToken.code, 4, noToken.stderr);
    assert.match(noToken.stderr, /refused the client token: pass the host's client token with --token or GHOSTWIRE_TOKEN \(client_token_required\)\.\n$/);
    const wrongToken = await cli(["types", "--token", "wrong-token-wrong-token"], { env: withToken() });
    assert.equal(wrongToken.code, 4, wrongToken.stderr);
    const badSession = await cli(["run", code, "--session", "gws2.not-a-session"], { env: withToken() });
    assert.equal(badSession.code, 4, badSession.stderr);
    assert.match(badSession.stderr, /refused the session token.*\(invalid_session\)\.\n$/);
    const mcpUnreachable = await cli(["mcp", "--url", deadUrl]);
    assert.equal(mcpUnreachable.code, 3, mcpUnreachable.stderr);
    const mcpRefused = await cli(["mcp", "--token", "wrong-token-wrong-token"], { env: withToken() });
    assert.equal(mcpRefused.code, 4, mcpRefused.stderr);
    assert.equal(mcpRefused.stdout, "", "The stdio MCP server wrote something other than protocol messages to stdout.");
  });

  it("serves the host's MCP tools and instructions over stdio to the official SDK client (system Node)", async () => {
    const direct = new Client({ name: "cli-e2e-direct", version: "1.0.0" });
    await direct.connect(new StreamableHTTPClientTransport(new URL(`${host.base}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${CLIENT_TOKEN}` } } }));
    const transport = new StdioClientTransport({ command: systemNode(), args: [cliPath, "mcp", "--url", host.base], env: { GHOSTWIRE_TOKEN: CLIENT_TOKEN }, cwd: folder, stderr: "pipe" });
    const client = new Client({ name: "cli-e2e-stdio", version: "1.0.0" });
    try {
      await client.connect(transport);
      assert.ok(direct.getInstructions()?.length > 0);
      assert.equal(client.getInstructions(), direct.getInstructions());
      assert.deepEqual(await client.listTools(), await direct.listTools());
      const called = await client.callTool({ name: "execute", arguments: { code: "console.log('adding'); return await math.add({ a: 2, b: 3 });", apis: ["math"] } });
      assert.notEqual(called.isError, true, JSON.stringify(called));
      assert.equal(called.structuredContent.result, 5);
      assert.deepEqual(called.structuredContent.logs, [{ level: "log", message: "adding" }]);
      const failed = await client.callTool({ name: "execute", arguments: { code: "const n: number = 'x';\nreturn n;" } });
      assert.equal(failed.isError, true);
      assert.equal(failed.structuredContent.error.name, "CompileError");
    } finally {
      await client.close();
      await direct.close();
    }
  });

  it("runs the README's command-line example as shown", async () => {
    const script = await readmeBlock(CLI_MARKER);
    const { code, stdout, stderr } = await new Promise((resolve) => {
      const child = spawn("sh", ["-e", "-c", script], { cwd: folder, env: cliEnv(withToken()), stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      let err = "";
      child.stdout.on("data", (chunk) => (out += chunk));
      child.stderr.on("data", (chunk) => (err += chunk));
      child.once("exit", (exit) => resolve({ code: exit, stdout: out, stderr: err }));
    });
    assert.equal(code, 0, `The README's command-line example failed:\n${stdout}${stderr}`);
    assert.equal(stdout, "3\n42\n", `The README's command-line example printed something else:\n${stdout}${stderr}`);
    assert.match(stderr, /add\.ts: no type errors\.\nadding\n/);
    assert.match(await readFile(join(folder, "ghostwire.d.ts"), "utf8"), /^declare const math: \{/m);
  });

  it("starts the README's stdio MCP entry as a client would, and calls execute through it", async () => {
    const config = JSON.parse(await readmeBlock(MCP_MARKER));
    const server = config.mcpServers?.ghostwire;
    assert.ok(server, "The README's stdio MCP example has no mcpServers.ghostwire entry.");
    assert.equal(server.args.filter((arg) => arg === EXAMPLE_URL).length, 1, `The README's stdio MCP example must name the host as ${EXAMPLE_URL} once.`);
    assert.ok("GHOSTWIRE_TOKEN" in server.env, "The README's stdio MCP example must pass the token as GHOSTWIRE_TOKEN in env.");
    const args = server.args.map((arg) => (arg === EXAMPLE_URL ? host.base : arg));
    const transport = new StdioClientTransport({ command: server.command, args, env: { ...server.env, GHOSTWIRE_TOKEN: CLIENT_TOKEN }, cwd: folder, stderr: "pipe" });
    const client = new Client({ name: "cli-e2e-readme", version: "1.0.0" });
    try {
      await client.connect(transport);
      const called = await client.callTool({ name: "execute", arguments: { code: "return await math.add({ a: 20, b: 22 });" } });
      assert.equal(called.structuredContent?.result, 42, JSON.stringify(called));
    } finally {
      await client.close();
    }
  });
});
