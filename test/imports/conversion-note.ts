// How `npm run test:imports` recognizes a conversion note in a method's doc,
// for OpenAPI operations (import-child.ts) and MCP tools (mcp-child.ts).

/**
 * What marks a conversion note in a method's doc. The importers' notes say
 * that a schema is "not checked", "unchecked", "simplified", "degraded" or
 * "loosely typed"; a note worded otherwise is not counted. A doc has a note
 * when it holds more of these words than the source's own text of the
 * operation or tool.
 */
const CONVERSION_NOTE = /\b(?:not checked|unchecked|simplified|degraded|loosely typed)\b/gi;

/** How many conversion-note phrases `text` holds. */
export const noteWords = (text: string) => text.match(CONVERSION_NOTE)?.length ?? 0;
