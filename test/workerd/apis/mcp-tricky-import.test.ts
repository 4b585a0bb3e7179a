import { env } from "cloudflare:test";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { declareApis } from "../../../host/apis/declarations.js";
import { createMcpSource } from "../../../host/apis/imports/mcp/source.js";
import { sandboxProgram } from "../sandbox-program.js";
import type { GhostwireEnv } from "../../../host/ghostwire-env.js";
import { TRICKY_TOOLS, registerTrickyTools } from "../../e2e/mcp-tricky-tools.mjs";
import { inProcessMcpServer } from "./mcp-in-process.js";

/**
 * An MCP server whose tools carry the hard cases of JSON Schema
 * (test/e2e/mcp-tricky-tools.mjs), imported by the host's real MCP source
 * over the official SDK: one bad tool must not cost the server its import.
 */

/** Strict-mode diagnostics of `program` against `declarations`, in the sandbox's type environment, every file included. */
function typeErrors(declarations: string, program: string): string[] {
  const compiled = sandboxProgram({ "/apis.d.ts": declarations, "/agent.ts": `export {};\n${program}` }, { globals: true });
  return ts.getPreEmitDiagnostics(compiled).map((d) => {
    const line = d.file === undefined || d.start === undefined ? 0 : d.file.getLineAndCharacterOfPosition(d.start).line + 1;
    return `${d.file?.fileName ?? ""}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n").slice(0, 300)}`;
  });
}

const callable = TRICKY_TOOLS.filter((tool) => tool.valid !== undefined).map((tool) => ({ name: String(tool.name), valid: tool.valid! }));
/**
 * Tools whose valid arguments the converter (host/apis/imports/json-schema-to-zod.ts)
 * still refuses, each with why. The tests below fail when this list is out
 * of date in either direction, so a fix to the converter removes its entry.
 */
const CONVERTER_GAPS: Record<string, string> = {
  required_but_undeclared: "inputs are closed to undeclared keys, so a key that is required but not declared can never be sent",
};
const broken = TRICKY_TOOLS.filter((tool) => tool.broken !== undefined);

async function importTricky() {
  const source = createMcpSource({ name: "tricky", url: "https://tricky.example/mcp" }, env as unknown as GhostwireEnv, inProcessMcpServer(registerTrickyTools));
  const apis = await source.list();
  expect(source.unavailable?.(), "the server must not be reported unavailable").toBeUndefined();
  expect(apis).toHaveLength(1);
  return apis[0];
}

describe("an MCP server with tricky tool schemas", () => {
  it("has at least 40 tools a client may call, and some it must refuse", () => {
    expect(callable.length).toBeGreaterThanOrEqual(40);
    expect(broken.length).toBeGreaterThan(0);
  });

  it("imports every valid tool, each accepting its own valid arguments and callable on the server", async () => {
    const api = await importTricky();
    expect(Object.keys(api.contract.methods).sort()).toEqual(callable.map((tool) => tool.name).sort());
    const refused = callable.filter((tool) => !api.contract.methods[tool.name].input.safeParse(tool.valid).success).map((tool) => tool.name);
    expect(refused, "tools whose imported input schema refuses arguments their own schema accepts").toEqual(Object.keys(CONVERTER_GAPS));
    for (const tool of callable) {
      const answer = await api.handlers[tool.name](tool.valid as never, { fetch });
      expect(answer, tool.name).toEqual({ tool: tool.name, arguments: tool.valid });
    }
  });

  it("names each tool it left out in the API's description, with why", async () => {
    const { contract } = await importTricky();
    expect(contract.description).toMatch(/^Tools of the MCP server at tricky\.example\. 6 tools were left out, not being valid MCP tool definitions: /);
    expect(contract.description).toContain("(a tool without a name) (no name)");
    expect(contract.description).toContain('"no_input_schema" (no inputSchema object)');
    expect(contract.description).toContain('"input_schema_is_text" (no inputSchema object)');
    expect(contract.description).toContain('"ref_to_defs" (a second tool of that name)');
    expect(contract.description).toContain(`"*/ declare const leaked: 1; /* ${"n".repeat(9)}…" (a name over 128 characters)`);
  });

  it("notes in a tool's doc what its import could not keep, and keeps docs bounded", async () => {
    const { methods } = (await importTricky()).contract;
    expect(methods.deep_nesting.description).toMatch(/nests deeper than \d+ levels/);
    expect(methods.input_not_object_type.description).toMatch(/not an object schema, so any object is accepted/);
    expect(methods.huge_description.description.length).toBeLessThan(2200);
    expect(methods.huge_description.description).toMatch(/cut at 2000 characters/);
  });

  it("declares valid TypeScript, in which a call of every tool with its valid arguments type-checks", async () => {
    const { contract } = await importTricky();
    const declarations = declareApis([contract]);
    const program = callable.map((tool) => `await tricky.${tool.name}(${JSON.stringify(tool.valid)});`).join("\n");
    const errors = typeErrors(declarations, program);
    expect(errors.filter((error) => !error.startsWith("/agent.ts:")), "the declarations themselves").toEqual([]);
    // Line 1 of /agent.ts is `export {};`, so the call of callable[i] is on line i + 2.
    const refused = [...new Set(errors.map((error) => callable[Number(/^\/agent\.ts:(\d+):/.exec(error)![1]) - 2].name))];
    expect(refused, errors.join("\n")).toEqual(Object.keys(CONVERTER_GAPS));
    // Doc comments hold what the server sent; none ends early and declares something.
    expect(typeErrors(declarations, "injected; leaked; x;").filter((error) => /Cannot find name '(injected|leaked|x)'/.test(error))).toHaveLength(3);
    // The check can fail: a misspelt property of a closed input is an error.
    expect(typeErrors(declarations, 'await tricky.additional_properties_false({ nmae: "n" });').join("\n")).toMatch(/nmae/);
  });
});
