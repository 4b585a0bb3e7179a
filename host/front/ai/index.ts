/**
 * ghostwire/ai: Ghostwire as tools for the Vercel AI SDK (`ai`, an optional
 * peer dependency of the package).
 *
 *   import { codeTool, searchTool } from "ghostwire/ai";
 *   const options = { url: "http://localhost:8787", apis: ["math"] };
 *   const tools = { execute: await codeTool(options), search: searchTool(options) };
 *
 * In a Worker, `{ binding: env.GHOSTWIRE }` (a service binding to the host)
 * takes the place of `url`.
 */
export { codeTool, DESCRIPTION_DECLARATIONS_MAX_CHARS } from "./code-tool.js";
export { searchTool, SEARCH_TOOL_NAME } from "./search-tool.js";
export { MAX_DIAGNOSTICS_SHOWN, type CodeToolOutput } from "./model-output.js";
export type { GhostwireToolOptions, HostBinding } from "./host-connection.js";
