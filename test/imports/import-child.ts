// One spec's import, measured in a process of its own (test/imports/run.mjs
// starts it with a heap limit, so a spec that exhausts memory is a failed row
// and not a dead run). It calls the host's own exported functions:
// importOpenApi, declareApis and searchApis, and replays the spec's response
// examples through the bridge's output check (example-replay.ts). It writes
// the declarations and the sandbox's globals into `outDir` for tsc, and
// prints one JSON line.
//
// Usage: node import-child.mjs <spec.json> <label> <name> <egress> <outDir>
import { readFileSync } from "node:fs";
import { z } from "zod";
import { importOpenApi } from "../../host/apis/imports/openapi/openapi-import.js";
import { searchApis } from "../../host/apis/search.js";
import { noteWords } from "./conversion-note.js";
import { declareForTsc, heapUsed, mb } from "./import-measure.js";
import { replayExamples } from "./example-replay.js";
import { OperationIndex, type SpecOperation } from "./operation-index.js";
import { SEARCH_TASKS, SEARCH_TOP } from "./search-tasks.mjs";

const [specPath, label, name, egress, outDir] = process.argv.slice(2);

const spec = JSON.parse(readFileSync(specPath, "utf8")) as Record<string, unknown>;
const index = new OperationIndex(spec);
const heapBefore = heapUsed();

const started = performance.now();
const api = importOpenApi({ name, spec, egress });
const importMs = performance.now() - started;
const { declarations, declareMs, heapHeldMb } = declareForTsc(api.contract, outDir, heapBefore);

/** JSON Schema of a zod schema, or undefined when zod cannot print it. */
function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> | undefined {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The spec gave a body, parameters or a JSON response that the method's schemas do not carry. */
function lostSilently(operation: SpecOperation, input: z.ZodType, output: z.ZodType): boolean {
  const inputSchema = jsonSchemaOf(input, "input");
  const keys = Object.keys((inputSchema?.properties as object | undefined) ?? {});
  const bodyLost = operation.hasBody && keys.every((key) => operation.parameters.has(key));
  const parametersLost = operation.parameters.size > 0 && keys.length === 0;
  const outputSchema = jsonSchemaOf(output, "output");
  const outputLost = operation.hasJsonOutput && outputSchema !== undefined && !Object.keys(outputSchema).some((key) => !["$schema", "description", "title"].includes(key));
  return inputSchema !== undefined && (bodyLost || parametersLost || outputLost);
}

let noted = 0;
let silent = 0;
const silentMethods: string[] = [];
let unmatched = 0;
/** The method traced to each operation; the first one when several are. */
const methodOf = new Map<SpecOperation, string>();
for (const [method, contract] of Object.entries(api.contract.methods)) {
  const operation = index.find(method, contract.description);
  if (operation !== undefined && !methodOf.has(operation)) methodOf.set(operation, method);
  if (noteWords(contract.description) > noteWords(operation?.text ?? "")) noted++;
  else if (operation === undefined) unmatched++;
  else if (lostSilently(operation, contract.input, contract.output)) {
    silent++;
    silentMethods.push(method);
  }
}

const misses: string[] = [];
let found = 0;
let largestAnswer = 0;
for (const [query, expected] of SEARCH_TASKS[label]) {
  const answer = searchApis([api], query, SEARCH_TOP);
  largestAnswer = Math.max(largestAnswer, answer.declarations.length);
  const top = answer.hits.slice(0, SEARCH_TOP);
  if (top.some((hit) => expected.includes(index.find(hit.method, hit.description)?.id ?? ""))) found++;
  else misses.push(`"${query}" → ${top.map((hit) => hit.method).join(", ") || "nothing"}`);
}
// Measured before the replay, which is the test's own work, not the import's.
const peakRssMb = mb(process.resourceUsage().maxRSS * 1024);
const replay = replayExamples(spec, index.operations, api, methodOf);

console.log(
  JSON.stringify({
    specOperations: index.operations.length,
    methods: Object.keys(api.contract.methods).length,
    declarationChars: declarations.length,
    noted,
    silent,
    silentMethods,
    unmatched,
    found,
    misses,
    largestAnswer,
    importMs: Math.round(importMs),
    declareMs,
    heapHeldMb,
    peakRssMb,
    replay,
  }),
);
