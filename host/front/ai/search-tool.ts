import { tool, zodSchema, type Tool } from "ai";
import { z } from "zod";
import { connectToHost, type GhostwireToolOptions } from "./host-connection.js";

/** The name the code tool's description gives the search tool unless told otherwise (GhostwireToolOptions.searchToolName). */
export const SEARCH_TOOL_NAME = "search";

/** Most methods one search returns: the host's own cap (host/apis/search.ts MAX_SEARCH_RESULTS). */
const MAX_SEARCH_LIMIT = 50;

const searchInput = z.strictObject({
  query: z.string().max(200).describe("A few keywords, e.g. 'weather forecast'; every word must match. An empty query lists every method."),
  limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional().describe(`Most methods to return (default and maximum ${MAX_SEARCH_LIMIT}).`),
});

/**
 * An AI SDK tool that finds API methods on the host by keywords and returns
 * their TypeScript declarations, for the code tool's code: the way in when
 * the code tool's description is past its size limit. It searches the APIs
 * in `options.apis` (all when left out). Creating it costs nothing; each call
 * is one round trip, and a refused one rejects with the host's sentence.
 */
export function searchTool(options: GhostwireToolOptions): Tool<{ query: string; limit?: number }, string> {
  const host = connectToHost(options);
  return tool({
    description: "Find API methods by keywords (names and descriptions) and get their TypeScript declarations, to call from the code you run.",
    inputSchema: zodSchema(searchInput),
    execute: async ({ query, limit }): Promise<string> => {
      const { hits, total, declarations } = await host.searchApis(query, limit, options.apis);
      if (hits.length === 0) return `No method matches "${query}". Try fewer or other words.`;
      return `${hits.length} of ${total} matching methods:\n${declarations}`;
    },
  });
}
