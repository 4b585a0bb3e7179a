// What both children of `npm run test:imports` (import-child.ts for a spec,
// mcp-child.ts for the MCP server) measure the same way: the heap an import
// holds, and the declarations written for tsc with the time they took.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiContract } from "../../api-types/define.js";
import { declareApis } from "../../host/apis/declarations.js";
import { SANDBOX_GLOBALS_DTS } from "../../host/generated/type-environment.js";

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Bytes of heap in use after a collection (the child runs with --expose-gc). */
export const heapUsed = () => (gc(), process.memoryUsage().heapUsed);

/** Bytes as whole megabytes. */
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * Declares `contract` as agents read it and writes it, with the sandbox's
 * globals, into `outDir` for tsc. Returns the text, the milliseconds the
 * declaring took, and the heap held since `heapBefore`, in megabytes.
 */
export function declareForTsc(contract: ApiContract, outDir: string, heapBefore: number): { declarations: string; declareMs: number; heapHeldMb: number } {
  const started = performance.now();
  const declarations = declareApis([contract]);
  const declareMs = Math.round(performance.now() - started);
  const heapHeldMb = mb(heapUsed() - heapBefore);
  writeFileSync(join(outDir, "apis.d.ts"), declarations);
  writeFileSync(join(outDir, "sandbox-globals.d.ts"), SANDBOX_GLOBALS_DTS);
  return { declarations, declareMs, heapHeldMb };
}
