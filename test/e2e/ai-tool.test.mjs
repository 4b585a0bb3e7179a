// ghostwire/ai as a user gets it: the packed tarball installed beside `ai`
// into an empty folder, against the real host (`npm start` on a free port),
// driven by the AI SDK's own mock model scripted to call the tools
// (agent-example/test/scripted-model.mjs). generateText runs several steps,
// and each test reads what the model was shown in the step after a tool call.
// Run with: npm run build && npm exec -- node --test test/e2e/ai-tool.test.mjs
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { startHost } from "./host-process.mjs";
import { installInto, packTarball } from "./package-install.mjs";
import { ANSWER_PREFIX, CODE_TOOL_NAME, scriptedModel } from "./agent-example/test/scripted-model.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLE_MARKER = "<!-- test/e2e/ai-tool.test.mjs runs this example -->";
const EXAMPLE_URL = "http://localhost:8787";
/** The code the scripted model runs for the README's example. */
const EXAMPLE_CODE = "return await math.add({ a: 17, b: 25 });";
const CLIENT_TOKEN = "client-token-for-ai-tool-test-0123";
/** The README's example must end by itself within this long; past it, it is killed and the test fails. */
const EXIT_DEADLINE_MS = 20_000;

let host;
let folder;
/** `ai` and `ghostwire/ai` as the install folder resolves them. */
let ai;
let ghostwireAi;

before(async () => {
  const [tarball, started] = await Promise.all([packTarball(), startHost({ vars: { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN } })]);
  host = started;
  folder = await mkdtemp(join(tmpdir(), "ghostwire-ai-"));
  const aiVersion = JSON.parse(await readFile(join(root, "node_modules", "ai", "package.json"), "utf8")).version;
  await writeFile(join(folder, "package.json"), JSON.stringify({ name: "ai-tool-check", private: true, type: "module", dependencies: { ai: aiVersion } }));
  await installInto(folder, tarball);
  // Imports written in the folder resolve as a user's own files do.
  await writeFile(join(folder, "modules.mjs"), 'export * as ai from "ai";\nexport * as ghostwireAi from "ghostwire/ai";\n');
  ({ ai, ghostwireAi } = await import(pathToFileURL(join(folder, "modules.mjs")).href));
});

after(async () => {
  await host?.stop();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const options = () => ({ url: host.base, token: CLIENT_TOKEN, apis: ["math"] });

/** Runs generateText with the scripted model running `runs` through the tools made from `toolOptions`; resolves with the model and the result. */
async function converse(runs, toolOptions = options()) {
  const model = scriptedModel(runs);
  const tools = { [CODE_TOOL_NAME]: await ghostwireAi.codeTool(toolOptions), search: ghostwireAi.searchTool(toolOptions) };
  const result = await ai.generateText({ model, tools, stopWhen: ai.stepCountIs(runs.length + 1), prompt: "Do the task with the tools." });
  return { model, result };
}

/** The output of the tool results the model was shown in its call number `call` (0-based): what the tool really returned. */
function shownResults(model, call) {
  const prompt = model.doGenerateCalls[call].prompt;
  return prompt.flatMap((message) => (message.role === "tool" ? message.content : [])).filter((part) => part.type === "tool-result").map((part) => part.output);
}

/** Runs `file` in the install folder under this Node, with `env` added; resolves with its exit code and output. */
function runScript(file, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd: folder, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const deadline = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${file} did not exit by itself within ${EXIT_DEADLINE_MS} ms, so it was killed. Its output:\n${output}`));
    }, EXIT_DEADLINE_MS);
    child.once("exit", (code) => {
      clearTimeout(deadline);
      resolve({ code, output });
    });
  });
}

describe("ghostwire/ai from the packed tarball, with the AI SDK's mock model", { timeout: 600_000 }, () => {
  it("runs the README's example as it stands, with a scripted model", async () => {
    const readme = await readFile(join(root, "README.md"), "utf8");
    const at = readme.indexOf(EXAMPLE_MARKER);
    assert.notEqual(at, -1, `README.md has no line "${EXAMPLE_MARKER}" before the AI SDK example.`);
    const block = /```[a-z]*\n([\s\S]*?)\n```/.exec(readme.slice(at + EXAMPLE_MARKER.length));
    assert.ok(block, "README.md has no fenced code block after the AI SDK example's marker.");
    assert.equal(block[1].split(EXAMPLE_URL).length, 2, `The README's AI SDK example must name the host as ${EXAMPLE_URL} exactly once.`);
    const model = `import { scriptedModel } from ${JSON.stringify(pathToFileURL(join(root, "test", "e2e", "agent-example", "test", "scripted-model.mjs")).href)};\nconst model = scriptedModel([${JSON.stringify(EXAMPLE_CODE)}]);\n`;
    await writeFile(join(folder, "example.mjs"), model + block[1].replace(EXAMPLE_URL, host.base));
    const { code, output } = await runScript("example.mjs", { GHOSTWIRE_CLIENT_TOKEN: CLIENT_TOKEN });
    assert.equal(code, 0, `The README's AI SDK example failed:\n${output}`);
    // The scripted model's answer quotes the tool result it was shown.
    assert.equal(output, `{ ok: true, result: 42 }\n${ANSWER_PREFIX}{"type":"json","value":{"ok":true,"result":42}}\n`);
  });

  it("puts the granted APIs' declarations in the code tool's description, and the real result in the model's next step", async () => {
    const { model, result } = await converse(["console.log('adding');\nreturn await math.add({ a: 2, b: 3 });"]);
    const described = model.doGenerateCalls[0].tools.find((tool) => tool.name === CODE_TOOL_NAME).description;
    assert.match(described, /declare const math\b/);
    assert.match(described, /add\(/);
    assert.doesNotMatch(described, /declare const weather\b/, "Only the granted APIs are declared.");
    assert.deepEqual(shownResults(model, 1), [{ type: "json", value: { ok: true, result: 5, logs: ["[log] adding"] } }]);
    assert.equal(result.steps.length, 2);
  });

  it("shows a type error with its line, frame and hint, then runs the model's fixed code", async () => {
    const broken = "const sum = await math.add({ a: 1, b: 2 });\nreturn sum.toUpperCase();";
    const fixed = "const sum = await math.add({ a: 1, b: 2 });\nreturn String(sum);";
    const { model, result } = await converse([broken, fixed]);
    const [shown] = shownResults(model, 1);
    assert.equal(shown.type, "json");
    const { ok, error, diagnostics } = shown.value;
    assert.equal(ok, false);
    assert.equal(error.name, "CompileError");
    assert.match(error.hint, /diagnostics/);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].line, 2);
    assert.match(diagnostics[0].message, /toUpperCase/);
    assert.match(diagnostics[0].frame, /sum\.toUpperCase\(\)/);
    assert.deepEqual(shownResults(model, 2)[1], { type: "json", value: { ok: true, result: "3" } });
    assert.equal(result.steps.length, 3);
  });

  it("shows a runtime error with the line it was thrown on", async () => {
    const { model } = await converse(["const total = await math.add({ a: 1, b: 2 });\nif (total > 2) throw new Error(`order ${total} not found`);\nreturn total;"]);
    const [{ value }] = shownResults(model, 1);
    assert.deepEqual(value, { ok: false, error: { name: "Error", message: "order 3 not found", line: 2 } });
  });

  it("hands a request the host refuses to the model as a tool error with the host's sentence", async () => {
    const tooDeep = `return ${"[".repeat(300)}${"]".repeat(300)};`;
    const { model } = await converse([tooDeep]);
    const [shown] = shownResults(model, 1);
    assert.equal(shown.type, "error-text");
    assert.match(shown.value, /nested too deeply/);
    await assert.rejects(ghostwireAi.codeTool({ ...options(), apis: ["no_such_api"] }), /no_such_api/);
  });

  it("names the search tool instead of the declarations past the size limit, and search finds only granted APIs", async () => {
    const all = await ghostwireAi.codeTool({ url: host.base, token: CLIENT_TOKEN, searchToolName: "find_methods" });
    const allTypes = await (await fetch(`${host.base}/v1/types`)).text();
    assert.ok(allTypes.length > ghostwireAi.DESCRIPTION_DECLARATIONS_MAX_CHARS, `The demo host's declarations (${allTypes.length} characters) should pass the limit for this test.`);
    assert.match(all.description, /call the `find_methods` tool/);
    assert.doesNotMatch(all.description, /declare const math\b/);
    const everywhere = await ghostwireAi.searchTool({ url: host.base, token: CLIENT_TOKEN }).execute({ query: "" }, { toolCallId: "search-all", messages: [] });
    assert.match(everywhere, /declare const weather\b/);
    const granted = await ghostwireAi.searchTool(options()).execute({ query: "" }, { toolCallId: "search-math", messages: [] });
    assert.match(granted, /^2 of 2 matching methods:/);
    assert.match(granted, /declare const math\b/);
    assert.doesNotMatch(granted, /declare const weather\b/);
  });

  it("grants the session API with a session token", async () => {
    const started = await fetch(`${host.base}/v1/sessions`, { method: "POST", headers: { authorization: `Bearer ${CLIENT_TOKEN}`, "content-type": "application/json" }, body: "{}" });
    const { session } = await started.json();
    const { model } = await converse(["await session.set({ key: 'step', value: 1 });", "return await session.get({ key: 'step' });"], { ...options(), session });
    assert.match(model.doGenerateCalls[0].tools.find((tool) => tool.name === CODE_TOOL_NAME).description, /declare const session\b/);
    assert.deepEqual(shownResults(model, 2)[1], { type: "json", value: { ok: true, result: 1 } });
  });

  it("reaches the host through a binding, and refuses options that name no host", async () => {
    const calls = [];
    // A service binding ignores the URL's host name: this one sends the path to the real host.
    const binding = {
      fetch: (url, init) => {
        calls.push(new URL(url).pathname);
        return fetch(new URL(new URL(url).pathname, host.base), init);
      },
    };
    const { model } = await converse(["return await math.add({ a: 20, b: 22 });"], { binding, token: CLIENT_TOKEN, apis: ["math"] });
    assert.deepEqual(shownResults(model, 1), [{ type: "json", value: { ok: true, result: 42 } }]);
    assert.deepEqual(calls, ["/rpc", "/rpc"], "The declarations and the execution each go through the binding.");
    assert.throws(() => ghostwireAi.searchTool({ token: CLIENT_TOKEN }), /need a host: pass \{ url/);
    assert.throws(() => ghostwireAi.searchTool({ url: host.base, binding }), /not both/);
  });
});
