import { McpServer, type ServerContext } from "@modelcontextprotocol/server";
import { z } from "zod";
import { executeRequest } from "../../../api-types/execution.js";
import { searchApis, MAX_SEARCH_RESULTS } from "../../apis/search.js";
import { declareApis } from "../../apis/declarations.js";
import { declarationLimits } from "../../apis/declaration-header.js";
import type { ApprovalChannel } from "../../approvals/approval-channel.js";
import { anyApprovalRule } from "../../approvals/approval-rules.js";
import { runExecuteRequest } from "../../execution/execute-request.js";
import type { HostState } from "../../host-state.js";
import { Refusal } from "../../refusal.js";
import { describeExecution } from "./execution-text.js";
import { serverInstructions } from "./instructions.js";
import { executeOutput, searchOutput } from "./output-schemas.js";
import { DECIDE_ANNOTATIONS, EXECUTE_ANNOTATIONS, SEARCH_ANNOTATIONS } from "./tool-annotations.js";
import { approvalDecisionRequest } from "../../../api-types/approval.js";
import { resumeApproval } from "../../approvals/resume.js";

/**
 * When every declaration fits in this many characters (about 2,750 tokens),
 * the `execute` tool's description embeds them, so an agent can write code
 * with no search first. Past it, the description points at `search` instead,
 * and the tool list stays the same size however many APIs are registered.
 * 11,000 because the header states the rules, limits and call errors (about
 * 1,400 characters) and methods their @throws and approval lines: the demo's
 * six APIs (orders, the approvals demo, included) take 10,717 and are still
 * read at once, while one more API, even one of four small tools (the MCP
 * e2e test's, about 500), tips a host to search.
 */
export const EMBED_DECLARATIONS_MAX_CHARS = 11_000;

const SEARCH_DESCRIPTION =
  "Find API methods by keywords (names and descriptions; every word must match; empty query lists all) and get their TypeScript declarations, to call from `execute` code.";

const EXECUTE_DESCRIPTION =
  "Run TypeScript: the body of an async function (top-level await; `return` the result). Call APIs through their namespaces, e.g. `await math.add({ a: 1, b: 2 })`. The code is type-checked first: fix reported errors and retry. Returns the result, console logs and errors with line numbers.";

/** The `execute` description: the declarations themselves when they are small, a pointer to `search` when not. */
export function describeExecuteTool(declarations: string, apiCount: number): string {
  return declarations.length <= EMBED_DECLARATIONS_MAX_CHARS
    ? `${EXECUTE_DESCRIPTION}\n\nAvailable APIs:\n${declarations}`
    : `${EXECUTE_DESCRIPTION} ${apiCount} APIs are available: use \`search\` to find methods and their types.`;
}

interface ToolResult {
  [key: string]: unknown;
  content: { type: "text"; text: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/** The one place MCP maps a Refusal: an `isError` result with its sentence; any other error says only that the host failed. */
function failure(error: unknown): ToolResult {
  const message = error instanceof Refusal ? error.message : "The host failed to handle this call.";
  return { content: [{ type: "text", text: message }], isError: true };
}

/**
 * A fresh MCP server for one request, with two tools over this host's APIs:
 * `search` (progressive disclosure) and `execute`. Both go through the same
 * entry points as HTTP: searchApis and runExecuteRequest. Each tool's
 * structuredContent is exactly its advertised outputSchema (output-schemas.ts);
 * a refused request is an `isError` result with text only.
 *
 * `approvalsFor` gives each `execute` call a channel to ask a person about
 * calls that need approval (eliciting-sessions.ts, for clients that declared
 * elicitation); without it, such a call pauses the execution instead.
 */
export async function createMcpServer(host: HostState, options: { approvalsFor?: (ctx: ServerContext) => ApprovalChannel } = {}): Promise<McpServer> {
  const server = new McpServer({ name: "ghostwire", version: "0.1.0" }, { instructions: serverInstructions(host.config) });
  const apis = (await host.catalog.current()).list();
  const limits = declarationLimits(host.config);
  const declarations = declareApis(apis.map((api) => api.contract), limits);
  const executeDescription = describeExecuteTool(declarations, apis.length);

  server.registerTool(
    "search",
    {
      title: SEARCH_ANNOTATIONS.title,
      description: SEARCH_DESCRIPTION,
      annotations: SEARCH_ANNOTATIONS,
      outputSchema: searchOutput,
      inputSchema: z.strictObject({
        query: z.string().max(200).describe("Keywords, e.g. 'weather forecast'."),
        limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).optional().describe(`Most methods to return (default and maximum ${MAX_SEARCH_RESULTS}).`),
      }),
    },
    async ({ query, limit }): Promise<ToolResult> => {
      const { hits, total, declarations } = searchApis(apis, query, limit, limits);
      const summary = hits.length === 0 ? `No method matches "${query}". Try fewer or other words.` : `${hits.length} of ${total} matching methods:`;
      return { content: [{ type: "text", text: `${summary}\n${declarations}` }], structuredContent: { hits, total, declarations } };
    },
  );

  server.registerTool(
    "execute",
    { title: EXECUTE_ANNOTATIONS.title, description: executeDescription, annotations: EXECUTE_ANNOTATIONS, inputSchema: executeRequest, outputSchema: executeOutput },
    async (args, ctx): Promise<ToolResult> => {
      try {
        const approvals = options.approvalsFor?.(ctx);
        const response = await runExecuteRequest(host, args, approvals === undefined ? {} : { approvals });
        return { content: [{ type: "text", text: describeExecution(response) }], structuredContent: { ...response }, isError: !response.ok };
      } catch (error) {
        return failure(error);
      }
    },
  );

  // Only a host with a method that needs approval can pause, so only it lists `decide`. It
  // answers as `execute` does, but advertises no outputSchema of its own: a second copy of
  // execute's would cost every client about 1,000 tokens of tools/list for a tool rarely called.
  if (!anyApprovalRule(apis)) return server;
  server.registerTool(
    "decide",
    { title: DECIDE_ANNOTATIONS.title, description: DECIDE_DESCRIPTION, annotations: DECIDE_ANNOTATIONS, inputSchema: decideInput },
    async ({ approval, ...decision }): Promise<ToolResult> => {
      try {
        const response = await resumeApproval(host, approval, decision, MCP_APPROVER);
        return { content: [{ type: "text", text: describeExecution(response) }], structuredContent: { ...response }, isError: !response.ok };
      } catch (error) {
        return failure(error);
      }
    },
  );
  return server;
}

const DECIDE_DESCRIPTION =
  "Decide on an execution that paused with error ApprovalRequired: pass its pending.approval token and the person's decision (ask them first; never decide for them). The code runs again; calls made before the pause are not repeated. Answers as `execute`.";

/** Who decides through the `decide` tool, as ApprovalDenied names them. */
const MCP_APPROVER = "the MCP client's user";

const decideInput = approvalDecisionRequest.extend({ approval: z.string().max(200).describe("pending.approval of the paused execution.") });
