import { z } from "zod";
import { isValidName } from "../../../../api-types/define.js";

/** Most MCP servers one host imports, and most tools taken from one server. */
export const MAX_IMPORTED_SERVERS = 20;
export const MAX_IMPORTED_TOOLS = 1000;

/**
 * One remote MCP server imported as an API. `credential.secret` names a
 * Worker secret whose value the host's MCP client sends as a header; the
 * value never leaves the host (it is not in the contract, the declarations,
 * the sandbox or any error).
 */
export const importedMcpServer = z.strictObject({
  name: z.string().refine(isValidName, "name must be a JavaScript identifier (letters, digits, _), not a reserved word: it becomes the namespace in agent code"),
  url: z.url({ protocol: /^https?$/ }),
  description: z.string().max(500).optional(),
  credential: z
    .strictObject({
      secret: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "secret must name a Worker secret, e.g. NOTES_TOKEN"),
      header: z.string().regex(/^[A-Za-z0-9-]+$/).default("authorization"),
      template: z.string().includes("{secret}").default("Bearer {secret}"),
    })
    .optional(),
});

export type ImportedMcpServer = z.infer<typeof importedMcpServer>;

/** GHOSTWIRE_MCP_SERVERS: a JSON array of imported servers; absent means none. */
export const mcpServersVar = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a JSON array of servers" });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(importedMcpServer)
      .max(MAX_IMPORTED_SERVERS)
      .refine((servers) => new Set(servers.map((s) => s.name)).size === servers.length, "server names must be unique"),
  )
  .optional();
