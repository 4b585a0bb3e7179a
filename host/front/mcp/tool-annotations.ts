import type { ToolAnnotations } from "@modelcontextprotocol/server";

/**
 * The MCP tool annotations of the two tools. Clients read them to decide, for
 * example, whether to ask the user before a call; they are hints about the
 * tool, not a boundary (the sandbox and the grants are).
 *
 * `search` reads this host's registry and changes nothing: read-only, the
 * same answer for the same query, and a closed world (it never contacts
 * anything outside the host to answer).
 *
 * `execute` runs whatever code the agent sends, and that code may call any
 * granted API: `session.delete`, an imported MCP server's tools, an OpenAPI
 * operation that deletes or pays, a fetch through an egress rule. So it is
 * not read-only, it may be destructive (the spec's destructiveHint: "may
 * perform destructive updates", not only additive ones), it is not
 * idempotent (running the same code twice may act twice), and it is
 * open-world (it reaches external services through APIs and egress). These
 * are the spec's defaults for a tool that says nothing; they are stated so
 * that a client does not have to assume them.
 */
export const SEARCH_ANNOTATIONS = {
  title: "Search APIs",
  readOnlyHint: true,
  idempotentHint: true,
  openWorldHint: false,
} as const satisfies ToolAnnotations;

export const EXECUTE_ANNOTATIONS = {
  title: "Run TypeScript",
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
} as const satisfies ToolAnnotations;

/**
 * `decide` resumes a paused execution: the approved call and the code after
 * it run, so it is as open and destructive as `execute`; a second decision on
 * the same token is refused, so it acts at most once.
 */
export const DECIDE_ANNOTATIONS = {
  title: "Decide on a paused execution",
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
} as const satisfies ToolAnnotations;
