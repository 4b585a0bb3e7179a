// The example agent (test/e2e/agent-example/) as a user gets it: copied out of
// the repository, with Ghostwire installed from the packed tarball (and the
// agents SDK and the AI SDK beside it), type-checked, and served by
// `wrangler dev` beside the real host (`npm start`), which its GHOSTWIRE
// service binding reaches through the host's dev registry. The model is the
// scripted one (test/scripted-entry.ts), so nothing leaves loopback.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startHost } from "./host-process.mjs";
import { assertNoLocalExplorer } from "./local-explorer.mjs";
import { OFFLINE_WRANGLER_ENV } from "../../host/dev/wrangler-env.mjs";
import { startProjectDev } from "./project-dev.mjs";
import { installInto, packTarball } from "./package-install.mjs";
import { ANSWER_PREFIX } from "./agent-example/test/scripted-model.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const EXAMPLE = join(root, "test", "e2e", "agent-example");
const WRANGLER = join(root, "node_modules", "wrangler", "bin", "wrangler.js");
const TSC = join(root, "node_modules", "typescript", "bin", "tsc");
/** The README shows the agent under this marker; it must be src/agent.ts as it stands. */
const README_MARKER = "<!-- test/e2e/agent-example/src/agent.ts, as test/e2e/agent-example.test.mjs serves it -->";
const run = promisify(execFile);

let project;
let host;
let agent;

/** Runs `wrangler <args>` or `tsc <args>` (the repository's) in the copied project, rejecting with its output. */
async function tool(script, args) {
  try {
    await run(process.execPath, [script, ...args], { cwd: project, env: { ...process.env, ...OFFLINE_WRANGLER_ENV } });
  } catch (error) {
    throw new Error(`${script} ${args.join(" ")} failed in ${project}:\n${error.stdout}${error.stderr}`);
  }
}

/** Sends `task` to the agent instance `name`; resolves with the status and the agent's answer. */
async function ask(base, name, task) {
  const response = await fetch(`${base}/agents/ghostwire-agent/${name}`, { method: "POST", body: task, signal: AbortSignal.timeout(60_000) });
  return { status: response.status, text: await response.text() };
}

/** What the scripted model says the code tool returned: the JSON after ANSWER_PREFIX. */
function toolResult(answer) {
  assert.ok(answer.startsWith(ANSWER_PREFIX), `The agent answered something other than the scripted model's text: ${answer}`);
  return JSON.parse(answer.slice(ANSWER_PREFIX.length));
}

/**
 * `wrangler dev` of the scripted entry, sharing the host's dev registry:
 * host/dev/start.mjs keeps it at <tmpdir>/ghostwire-dev-registry-<host port>.
 * Ready once the agent runs code.
 */
function startAgent() {
  return startProjectDev({
    cwd: project,
    extraArgs: ["test/scripted-entry.ts"],
    registry: join(tmpdir(), `ghostwire-dev-registry-${host.port}`),
    what: "The agent",
    ready: async (base) => {
      const { status, text } = await ask(base, "readiness", "return 'ready';");
      return status === 200 && text.includes('"result":"ready"');
    },
  });
}

before(async () => {
  const tarball = await packTarball();
  project = await mkdtemp(join(tmpdir(), "ghostwire-agent-"));
  await cp(EXAMPLE, project, { recursive: true, filter: (source) => !/[\\/](node_modules|\.wrangler)$|worker-configuration\.d\.ts$/.test(source) });
  // The tools (wrangler, typescript) come from the repository, not the registry.
  const manifest = JSON.parse(await readFile(join(project, "package.json"), "utf8"));
  delete manifest.devDependencies;
  await writeFile(join(project, "package.json"), JSON.stringify(manifest, null, 2));
  await installInto(project, tarball);
  await tool(WRANGLER, ["types"]);
  // The host starts once the packing and installing are done: with those beside it, it may miss its startup deadline on a small machine.
  host = await startHost();
  agent = await startAgent();
});

after(async () => {
  await agent?.stop();
  await host?.stop();
  if (project) await rm(project, { recursive: true, force: true });
});

test("the README shows the agent as src/agent.ts holds it, in 15 lines or fewer", async () => {
  const readme = await readFile(join(root, "README.md"), "utf8");
  const at = readme.indexOf(README_MARKER);
  assert.notEqual(at, -1, `README.md has no line "${README_MARKER}" before the agent.`);
  const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at));
  const source = await readFile(join(EXAMPLE, "src", "agent.ts"), "utf8");
  assert.equal(block?.[1], source, "The README's agent differs from test/e2e/agent-example/src/agent.ts: copy the file into the README.");
  assert.ok(source.trimEnd().split("\n").length <= 15, "The agent must fit in 15 lines.");
});

test("the example type-checks against the installed packages' declarations", async () => {
  await tool(TSC, ["-p", "."]);
});

test("the agent's model runs code on the host through the service binding and reads the real result", async () => {
  const { status, text } = await ask(agent.base, "alice", "const sum = await math.add({ a: 19, b: 23 });\nconsole.log('summed');\nreturn sum;");
  assert.equal(status, 200, text);
  assert.deepEqual(toolResult(text), { type: "json", value: { ok: true, result: 42, logs: ["[log] summed"] } });
});

test("the example's .env keeps wrangler's local explorer off: the agent's conversations are not served on its port", async () => {
  await assertNoLocalExplorer(agent.base, "GhostwireAgent");
  // The trace collector makes its folder when wrangler starts, before any request.
  assert.equal(existsSync(join(project, ".wrangler", "state", "v3", "observability")), false);
});

test("a type error reaches the agent's model with its line and hint, and its fix runs in the next step", async () => {
  const task = "const sum = await math.add({ a: 1, b: 2 });\nreturn sum.toUpperCase();\n---\nreturn String(await math.add({ a: 1, b: 2 }));";
  const { text } = await ask(agent.base, "bob", task);
  assert.deepEqual(toolResult(text), { type: "json", value: { ok: true, result: "3" } });
  const { text: broken } = await ask(agent.base, "bob", "const sum = await math.add({ a: 1, b: 2 });\nreturn sum.toUpperCase();");
  const { value } = toolResult(broken);
  assert.equal(value.error.name, "CompileError");
  assert.match(value.error.hint, /diagnostics/);
  assert.equal(value.diagnostics[0].line, 2);
});
