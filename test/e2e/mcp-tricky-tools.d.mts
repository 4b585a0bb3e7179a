import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

/** Types of mcp-tricky-tools.mjs, for the workerd suites that import it. */
export interface TrickyTool {
  /** Not always a string: some definitions are broken on purpose. */
  name: unknown;
  description?: string;
  inputSchema?: unknown;
  outputSchema?: unknown;
  /** Arguments the tool's own schema accepts; absent on a broken tool. */
  valid?: Record<string, unknown>;
  /** Why the definition is not a valid MCP tool; absent on a valid one. */
  broken?: string;
}

export const TRICKY_TOOLS: readonly TrickyTool[];
export function registerTrickyTools(server: McpServer): void;
