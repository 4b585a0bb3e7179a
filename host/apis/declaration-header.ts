import { CONFIG_SCHEMA, type HostConfig } from "../config.js";
import { HOST_CALL_ERRORS } from "../../api-types/call-errors.js";

/**
 * The host's limits that the declarations' header states, so that an agent
 * learns them from the declarations instead of by failing. Taken from the
 * host's configuration (declarationLimits), never hard-coded.
 */
export interface DeclarationLimits {
  readonly maxApiCalls: number;
  readonly maxCallInputChars: number;
  readonly maxLogEntries: number;
  readonly maxLogTotalChars: number;
  readonly maxResultChars: number;
}

/** The limits the header states, from the host's configuration. */
export function declarationLimits(config: HostConfig): DeclarationLimits {
  return {
    maxApiCalls: config.GHOSTWIRE_MAX_API_CALLS,
    maxCallInputChars: config.GHOSTWIRE_MAX_CALL_INPUT_CHARS,
    maxLogEntries: config.GHOSTWIRE_MAX_LOG_ENTRIES,
    maxLogTotalChars: config.GHOSTWIRE_MAX_LOG_TOTAL_CHARS,
    maxResultChars: config.GHOSTWIRE_MAX_RESULT_CHARS,
  };
}

/**
 * The documented defaults (README, "Limits"): what declarations state when
 * no host configuration is at hand, e.g. declarations printed for a package
 * or a test. Every route of a running host passes its own.
 */
export const DEFAULT_DECLARATION_LIMITS: DeclarationLimits = Object.freeze(declarationLimits(CONFIG_SCHEMA.parse({})));

const count = (n: number) => n.toLocaleString("en-US");

/** Width the header's comment lines are wrapped to, `// ` included. */
const HEADER_WIDTH = 118;

/** `text` as one bullet of the header: `// - ` first, then `//   ` lines, wrapped at word boundaries to HEADER_WIDTH. */
function bullet(text: string): string {
  const lines: string[] = [];
  let line = "// -";
  for (const word of text.split(" ")) {
    if (line.length + 1 + word.length > HEADER_WIDTH && line.trim().length > 4) {
      lines.push(line);
      line = "//  ";
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join("\n");
}

/** Each header already written, by the limits it states: a check writes one before every execution. */
const written = new Map<string, string>();
/** A host has one set of limits, two with the defaults; past this many the map starts over. */
const MAX_WRITTEN_HEADERS = 16;

/**
 * Explains the code format to whoever reads the declarations, usually an
 * LLM, with the rules it would otherwise learn by failing: await every
 * call, what calls still running at `return` do (sandbox/pending-calls.ts),
 * this host's limits, that values are JSON, and the errors any call can
 * throw (a method's own are its `@throws` lines). It is sent with every
 * search answer and declaration, so it stays about 300 tokens.
 */
export function declarationsHeader(limits: DeclarationLimits): string {
  const key = `${limits.maxApiCalls} ${limits.maxCallInputChars} ${limits.maxLogEntries} ${limits.maxLogTotalChars} ${limits.maxResultChars}`;
  let header = written.get(key);
  if (header === undefined) {
    header = writeHeader(limits);
    if (written.size >= MAX_WRITTEN_HEADERS) written.clear();
    written.set(key, header);
  }
  return header;
}

function writeHeader(limits: DeclarationLimits): string {
  const errors = Object.entries(HOST_CALL_ERRORS).map(([name, why]) => `${name} (${why})`);
  return [
    "// Ghostwire APIs. Write TypeScript: the body of an async function.",
    bullet("Use statements and top-level `await`; `return` a value to make it the result."),
    bullet(
      "Call the APIs below through their namespaces. Every method returns a Promise: `await` every call, so its result and its error reach your code. " +
        "Calls still running at `return` are waited for (within the deadline), and the first that fails fails the execution.",
    ),
    bullet("Results, API inputs and logs are JSON: Date becomes an ISO string, Map an object, Set an array."),
    bullet(
      `Limits per execution: ${count(limits.maxApiCalls)} API calls, of at most ${count(limits.maxCallInputChars)} characters of JSON input each; ` +
        `${count(limits.maxLogEntries)} log entries and ${count(limits.maxLogTotalChars)} characters of logs (the rest is dropped); ` +
        `a result of ${count(limits.maxResultChars)} characters of JSON (a larger one is cut).`,
    ),
    bullet("console.log/info/warn/error/debug are captured and returned as logs."),
    bullet("No imports, no DOM, no Node APIs. fetch() reaches only hosts the deployer allows."),
    bullet(`Any call may reject with (see \`e.name\`): ${errors.join(", ")}. A method's own errors are its @throws lines.`),
    "",
  ].join("\n");
}
