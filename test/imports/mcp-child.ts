// The MCP row of `npm run test:imports` (issue 18, point 8), measured in a
// process of its own like each spec's (import-child.ts). It serves the
// tricky tools of test/e2e/mcp-tricky-tools.mjs (at least 40 hard JSON
// Schemas, and 6 tools that are not valid definitions) from a real MCP
// server on a loopback port, in this process, and imports it the way the
// host does: createMcpSource's list(), the SDK client over HTTP included.
// It writes the declarations and the sandbox's globals into `outDir` for
// tsc, and prints one JSON line.
//
// Usage: node mcp-child.mjs <name> <outDir>
import { createMcpSource } from "../../host/apis/imports/mcp/source.js";
import { importedMcpServer } from "../../host/apis/imports/mcp/config.js";
import type { GhostwireEnv } from "../../host/ghostwire-env.js";
import { startMcpServer } from "../e2e/mcp-fixture-server.mjs";
import { TRICKY_TOOLS, registerTrickyTools } from "../e2e/mcp-tricky-tools.mjs";
import { noteWords } from "./conversion-note.js";
import { declareForTsc, heapUsed, mb } from "./import-measure.js";

/**
 * How many tools the API's description says were left out: the importer's
 * note (leftOutNote, host/apis/imports/mcp/tool-list.ts) reads "One tool
 * was left out" or "6 tools were left out". A tool missing from the methods
 * and not counted here was lost without a note.
 */
const LEFT_OUT_NOTE = /\b(One|\d+) tools? (?:was|were) left out\b/;

const [name, outDir] = process.argv.slice(2);

const server = await startMcpServer(registerTrickyTools);
try {
  const heapBefore = heapUsed();
  const started = performance.now();
  // No credential is configured, so the env is never read.
  const source = createMcpSource(importedMcpServer.parse({ name, url: server.url }), {} as GhostwireEnv);
  const [api] = await source.list();
  const importMs = performance.now() - started;
  if (api === undefined) throw new Error(`The tricky MCP server was not imported: ${source.unavailable?.()?.reason ?? "no reason given"}.`);
  const { declarations, declareMs, heapHeldMb } = declareForTsc(api.contract, outDir, heapBefore);

  const methods = Object.values(api.contract.methods);
  const leftOutWords = LEFT_OUT_NOTE.exec(api.contract.description)?.[1];
  const leftOutNoted = leftOutWords === undefined ? 0 : leftOutWords === "One" ? 1 : Number(leftOutWords);
  const served = TRICKY_TOOLS.length;
  console.log(
    JSON.stringify({
      served,
      methods: methods.length,
      declarationChars: declarations.length,
      // The served tools' own descriptions hold none of the note phrases, so any in a method's doc is the importer's.
      noted: methods.filter((method) => noteWords(method.description) > 0).length,
      leftOutNoted,
      lost: Math.max(0, served - methods.length - leftOutNoted),
      importMs: Math.round(importMs),
      declareMs,
      heapHeldMb,
      peakRssMb: mb(process.resourceUsage().maxRSS * 1024),
    }),
  );
} finally {
  await server.close();
}
