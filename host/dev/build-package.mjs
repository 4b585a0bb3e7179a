// Builds the npm package into dist/ (run by `npm run build`, and so by `npm pack`):
//   dist/index.js    the library (host/index.ts): one minified ES module for a
//                    consumer's wrangler to bundle; imports only zod, capnweb,
//                    cloudflare:* and node:* (served under nodejs_compat)
//   dist/client.js   the client (host/front/rpc/client.ts), readable; imports capnweb
//   dist/ai.js       the AI SDK tools (host/front/ai/), readable; imports ai, zod and
//                    ./client.js (so the client's code is in the package once)
//   dist/cli.js      the `ghostwire` bin (host/front/cli/main.ts) for Node 20 and later:
//                    imports capnweb and zod, bundles the rest (the MCP SDK, ws)
//   dist/types/      declarations of both (host/dev/package-declarations.mjs)
// Needs host/generated/ first (sandbox/build.mjs).
import { build } from "esbuild";
import { builtinModules } from "node:module";
import { mkdir, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { emitDeclarations } from "./package-declarations.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const dist = join(root, "dist");

/** What a consumer installs beside the package (package.json dependencies); everything else is bundled. */
const PACKAGE_DEPENDENCIES = ["zod", "capnweb"];

/** Resolution as wrangler's bundler does it for a Worker, so bundled code picks the same files. */
const WORKER_CONDITIONS = ["workerd", "worker", "browser"];
const WORKER_MAIN_FIELDS = ["browser", "module", "main"];

const BUILTIN = new Set(builtinModules.filter((name) => !name.startsWith("_")));
const BUILTIN_REQUIRE_NAMESPACE = "node-builtin-require";

/**
 * CommonJS code in the bundle (typescript.js) calls require("fs"),
 * require("perf_hooks"), ...; an ES module bundle would turn those into
 * __require() calls, which throw in workerd. This plugin serves each such
 * require from a virtual module that re-exports `node:<name>`, so the bundle
 * imports the builtin at its top level and the consumer's wrangler
 * (nodejs_compat) provides it.
 */
const builtinRequires = {
  name: "builtin-requires",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, "");
      if (args.kind !== "require-call" || !BUILTIN.has(name)) return undefined;
      return { path: name, namespace: BUILTIN_REQUIRE_NAMESPACE };
    });
    esbuild.onLoad({ filter: /.*/, namespace: BUILTIN_REQUIRE_NAMESPACE }, (args) => ({
      contents: `export * from "node:${args.path}";\nexport { default } from "node:${args.path}";\n`,
      loader: "js",
    }));
  },
};

async function bundleLibrary(out) {
  const outfile = join(out, "index.js");
  const { metafile } = await build({
    entryPoints: [join(root, "host", "index.ts")],
    outfile,
    bundle: true,
    format: "esm",
    target: "es2022",
    platform: "neutral",
    conditions: WORKER_CONDITIONS,
    mainFields: WORKER_MAIN_FIELDS,
    minify: true,
    legalComments: "eof",
    // typescript.js probes for Node through __filename; defined, the compiler
    // API takes its platform-neutral path in workerd, and a consumer's
    // wrangler.jsonc needs no define of its own.
    define: { __filename: '"/typescript.js"' },
    external: ["cloudflare:*", "node:*", ...PACKAGE_DEPENDENCIES, ...PACKAGE_DEPENDENCIES.map((name) => `${name}/*`)],
    plugins: [builtinRequires],
    metafile: true,
    logLevel: "error",
  });
  assertNoBuiltinRequire(metafile);
  return outfile;
}

/** A readable ES module for any runtime (Workers, Node, browsers), with `external` left as imports. */
async function bundleReadable(entry, outfile, external, plugins = []) {
  await build({ entryPoints: [entry], outfile, bundle: true, format: "esm", target: "es2022", platform: "neutral", minify: false, external, plugins, logLevel: "error" });
  return outfile;
}

const bundleClient = (out) => bundleReadable(join(root, "host", "front", "rpc", "client.ts"), join(out, "client.js"), ["capnweb"]);

/** esbuild's resolution of the AI tools' import of the client: dist/client.js, beside dist/ai.js, instead of a second copy. */
const clientBesideAi = {
  name: "client-beside-ai",
  setup(esbuild) {
    esbuild.onResolve({ filter: /\/rpc\/client\.js$/ }, () => ({ path: "./client.js", external: true }));
  },
};

const bundleAi = (out) => bundleReadable(join(root, "host", "front", "ai", "index.ts"), join(out, "ai.js"), ["ai", "zod", "zod/*"], [clientBesideAi]);

/**
 * The bin: an ES module for Node, run as `ghostwire` through package.json
 * "bin". Bundled CommonJS (ws, ajv) requires Node builtins, which esbuild's
 * ES module output cannot do by itself: the banner gives it a real
 * `require`. ws's optional native helpers stay out (ws works without them).
 */
async function bundleCli(out) {
  const outfile = join(out, "cli.js");
  await build({
    entryPoints: [join(root, "host", "front", "cli", "main.ts")],
    outfile,
    bundle: true,
    format: "esm",
    target: "node20",
    platform: "node",
    minify: true,
    legalComments: "eof",
    banner: { js: '#!/usr/bin/env node\nimport { createRequire as __ghostwireRequire } from "node:module";\nconst require = __ghostwireRequire(import.meta.url);' },
    external: [...PACKAGE_DEPENDENCIES, ...PACKAGE_DEPENDENCIES.map((name) => `${name}/*`), "bufferutil", "utf-8-validate"],
    logLevel: "error",
  });
  return outfile;
}

/**
 * A require of a builtin that esbuild left unresolved stays a call of its
 * require shim, which throws in workerd when it runs. The metafile lists
 * those as external require-calls; builtinRequires must have served them all.
 */
function assertNoBuiltinRequire(metafile) {
  const left = Object.entries(metafile.inputs).flatMap(([file, input]) =>
    input.imports.filter((entry) => entry.kind === "require-call" && entry.external && BUILTIN.has(entry.path.replace(/^node:/, ""))).map((entry) => `${entry.path} in ${file}`),
  );
  if (left.length > 0) throw new Error(`The library bundle would still require Node builtins at run time (${left.join(", ")}); builtinRequires must serve them.`);
}

/**
 * Builds into a staging folder beside node_modules' cache (the same file
 * system) and swaps it in for dist/ at the end, so a build running
 * concurrently (tests pack the package in parallel) never sees a half-written
 * dist/, and a failed build leaves the previous one.
 */
async function main() {
  const cache = join(root, "node_modules", ".cache");
  await mkdir(cache, { recursive: true });
  const staging = await mkdtemp(join(cache, "ghostwire-dist-"));
  try {
    // The declarations package.json "exports" names, one per entry point.
    const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8"));
    const entryPoints = Object.values(manifest.exports).map((entry) => join(staging, relative("dist", entry.types)));
    const [library, , , declarations] = await Promise.all([bundleLibrary(staging), bundleClient(staging), bundleAi(staging), emitDeclarations(root, join(staging, "types"), entryPoints)]);
    const text = await readFile(library);
    const cliBytes = (await readFile(await bundleCli(staging))).length;
    const previous = `${staging}-previous`;
    await rename(dist, previous).catch((error) => {
      if (error.code !== "ENOENT") throw error;
    });
    await rename(staging, dist);
    await rm(previous, { recursive: true, force: true });
    const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
    console.log(`dist/cli.js ${kib(cliBytes)}`);
    console.log(`dist/index.js ${kib(text.length)} (${kib(gzipSync(text).length)} gzip); dist/client.js; dist/ai.js; ${declarations} declaration files`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

await main();
