// No import circle among the project's own modules. Every .ts and .mjs file
// under the source folders is parsed with the TypeScript compiler API; each
// relative import counts, `import type`, `export … from` and `import()`
// included. A circle is a strongly connected component of that graph, and
// the test names the files of each one. It needs no host.
// Run with: npm run test:e2e
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { it } from "node:test";
import ts from "typescript";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The folders whose modules must not import each other in a circle; those that do not exist are skipped. */
const SOURCE_FOLDERS = ["host", "sandbox", "api-types", "client", "demo"];
const SOURCE_FILE = /\.(ts|mts|mjs|js)$/;

/** Every source file under `folder`, skipping dependencies and tool output (node_modules, dot folders). */
function sourceFiles(folder) {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (SOURCE_FILE.test(entry.name)) found.push(path);
  }
  return found;
}

/** The file a relative specifier names, as a bundler resolves it (a `.js` may stand for `.ts`); undefined when none exists. */
function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m?js)$/, "");
  const candidates = [base, `${stem}.ts`, `${stem}.mts`, `${base}.ts`, `${base}.mjs`, `${base}.js`, join(base, "index.ts"), join(base, "index.mjs")];
  return candidates.find((path) => existsSync(path) && statSync(path).isFile());
}

/** The project files `file` imports, by absolute path. */
function importsOf(file) {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  const targets = new Set();
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith(".")) continue;
    const target = resolveSpecifier(file, fileName);
    if (target !== undefined) targets.add(target);
  }
  return targets;
}

/** The strongly connected components of `graph` that form a circle: two files or more, or one that imports itself (Tarjan). */
function circles(graph) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node).has(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

it("no import circle among host/, sandbox/, api-types/, client/ and demo/ (import type included)", () => {
  const files = SOURCE_FOLDERS.map((folder) => join(ROOT, folder)).filter((folder) => existsSync(folder)).flatMap(sourceFiles);
  assert.ok(files.length > 50, `expected the project's source files, found ${files.length}`);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const found = circles(graph);
  const described = found.map((component, n) => `circle ${n + 1} (${component.length} files): ${component.map((file) => relative(ROOT, file)).join(", ")}`);
  assert.deepEqual(described, [], `${found.length} import circle(s); break each one, e.g. by moving a shared type into a leaf file:\n${described.join("\n")}`);
});
