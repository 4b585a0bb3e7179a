// Bundles a TypeScript entry that imports host modules into one ES module
// Node can run: the benchmarks and `npm run test:imports` run the host's own
// code (type checker, importers) in child processes this way. TypeScript
// stays external (Node loads the package itself), and `__filename` is
// defined as in wrangler.jsonc, so typescript.js takes the same
// platform-neutral path it takes inside workerd.
import { build } from "esbuild";

/** Writes `entry` (an absolute path), bundled, to `outfile`. */
export async function bundleForNode(entry, outfile) {
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    external: ["typescript", "cloudflare:workers"],
    define: { __filename: '"/typescript.js"' },
    logLevel: "error",
  });
}
