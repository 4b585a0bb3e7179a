// Issue 18, point 4: every 2xx response example a spec documents is replayed
// through the output check the bridge applies to that operation's method
// (checkOutput, host/execution/output-check.ts), as if the API had sent it.
// A "drift" verdict is what an agent would see as a warning in its logs; a
// "refused" one is an error in its code, which fails `npm run test:imports`.
//
// Examples are read from every 2xx response's JSON media types: `example`,
// each `examples[*].value` (through `$ref`s to components/examples), and,
// when the media gives neither, the response schema's own top-level
// `example`, the one schema example that is a whole response. An example is
// replayed through the method of its operation, found by the spec's
// operation index (test/imports/operation-index.ts), never by name shape.
// Some specs (Jira's) write a JSON example as its JSON text, in a string:
// such a string is replayed as the value it spells, the value the importer's
// handler would parse from a response body of that text.
import { isJsonMediaType } from "../../host/apis/imports/openapi/request-body.js";
import type { RegisteredApi } from "../../host/apis/registry.js";
import { checkOutput } from "../../host/execution/output-check.js";
import { deref, isObject, type Json, type SpecOperation } from "./operation-index.js";

/** Most examples replayed per spec (GitHub documents about 1,000); the rest are counted as skipped. */
export const MAX_EXAMPLES_PER_SPEC = 2000;
/** Warnings and rejections kept per spec, to show what drifts. */
export const SHOWN_PER_SPEC = 3;
/** Longest shown warning or rejection, in characters. */
const SHOWN_CHARS = 320;
/** Most `$ref` hops followed to reach a response or an example. */
const MAX_HOPS = 8;

export interface ResponseExample {
  readonly status: string;
  /** "example", the key in `examples`, or "schema example". */
  readonly name: string;
  readonly value: unknown;
}

export interface ReplayCounts {
  /** Examples replayed. */
  examples: number;
  /** Accepted: they match the output schema. */
  clean: number;
  /** Accepted with a warning: they do not match, and the outputs are lenient. */
  warned: number;
  /** Refused: the error an agent would see. */
  rejected: number;
  /** Examples of operations that no method was traced to, so not replayed. */
  untraced: number;
  /** Examples past the cap, not replayed. */
  skipped: number;
  /** MAX_EXAMPLES_PER_SPEC, for the report. */
  cap: number;
  /** The first SHOWN_PER_SPEC warnings and rejections, each naming the operation, status and example. */
  warnings: string[];
  rejections: string[];
}

/** `$ref`s followed from `value`, at most MAX_HOPS. */
function follow(spec: Json, value: unknown): unknown {
  let node = value;
  for (let hop = 0; hop < MAX_HOPS && isObject(node) && typeof node.$ref === "string"; hop++) node = deref(spec, node);
  return node;
}

/** The documented examples of an operation's 2xx JSON responses, in the spec's order. */
export function responseExamples(spec: Json, operation: SpecOperation): ResponseExample[] {
  const found: ResponseExample[] = [];
  for (const [status, declared] of Object.entries(operation.responses)) {
    const response = follow(spec, declared);
    if (!/^2\d\d$/.test(status) || !isObject(response) || !isObject(response.content)) continue;
    for (const [type, media] of Object.entries(response.content)) {
      if (!isJsonMediaType(type) || !isObject(media)) continue;
      const before = found.length;
      if (media.example !== undefined) found.push({ status, name: "example", value: media.example });
      for (const [name, entry] of Object.entries(isObject(media.examples) ? media.examples : {})) {
        const example = follow(spec, entry);
        if (isObject(example) && Object.hasOwn(example, "value")) found.push({ status, name, value: example.value });
      }
      const schema = follow(spec, media.schema);
      if (found.length === before && isObject(schema) && schema.example !== undefined) found.push({ status, name: "schema example", value: schema.example });
    }
  }
  return found;
}

/** The value a response body of `example` would give: a string that spells a JSON object or array is that object or array. */
function sentValue(example: unknown): unknown {
  if (typeof example !== "string") return example;
  try {
    const parsed: unknown = JSON.parse(example);
    return typeof parsed === "object" && parsed !== null ? parsed : example;
  } catch {
    return example;
  }
}

const shown = (text: string) => (text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text);

/**
 * Replays the examples of every operation of `operations` through the
 * output check of its method in `api`; `methodOf` maps an operation to the
 * method traced to it.
 */
export function replayExamples(spec: Json, operations: readonly SpecOperation[], api: RegisteredApi, methodOf: ReadonlyMap<SpecOperation, string>): ReplayCounts {
  const counts: ReplayCounts = { examples: 0, clean: 0, warned: 0, rejected: 0, untraced: 0, skipped: 0, cap: MAX_EXAMPLES_PER_SPEC, warnings: [], rejections: [] };
  for (const operation of operations) {
    const examples = responseExamples(spec, operation);
    const method = methodOf.get(operation);
    if (method === undefined) {
      counts.untraced += examples.length;
      continue;
    }
    for (const example of examples) {
      if (counts.examples >= MAX_EXAMPLES_PER_SPEC) {
        counts.skipped++;
        continue;
      }
      counts.examples++;
      const checked = checkOutput(api, api.contract.methods[method], method, sentValue(example.value));
      const where = `${operation.id} ${example.status} "${example.name}"`;
      if (checked.verdict === "clean") counts.clean++;
      else if (checked.verdict === "drift") {
        counts.warned++;
        if (counts.warnings.length < SHOWN_PER_SPEC) counts.warnings.push(shown(`${where}: ${checked.warning}`));
      } else {
        counts.rejected++;
        if (counts.rejections.length < SHOWN_PER_SPEC) counts.rejections.push(shown(`${where}: ${checked.message}`));
      }
    }
  }
  return counts;
}
