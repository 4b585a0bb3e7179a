import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { catalogApi } from "../../../api-types/catalog.js";
import type { ApiContract } from "../../../api-types/define.js";
import { mathApi } from "../../../api-types/math.js";
import { ratesApi } from "../../../api-types/rates.js";
import { sessionApi } from "../../../api-types/session.js";
import { weatherApi } from "../../../api-types/weather.js";
import { declarationsHeader, DEFAULT_DECLARATION_LIMITS } from "../../../host/apis/declaration-header.js";
import { declareApis, declareSelection } from "../../../host/apis/declarations.js";
import { createGhostwire, defineApi, defineMethod, implementApi } from "../../../host/index.js";
import { call, execute } from "../helpers.js";

/** The header's text with its comment lines joined, so that a phrase reads the same wherever the lines wrap. */
const flat = (text: string) => text.replace(/\n\/\/ {2,}/g, " ");

/** The doc comment right above `member(` in `text`, or undefined when it has none. */
function docOf(text: string, member: string): string | undefined {
  const at = text.indexOf(`  ${member}(`);
  if (at === -1) throw new Error(`No method ${member} in the declarations.`);
  const before = text.slice(0, at).trimEnd();
  return before.endsWith("*/") ? before.slice(before.lastIndexOf("/**")) : undefined;
}

describe("output types keep the contract's enums, unions and descriptions", () => {
  it("declares catalog.categories() as the category union, so its items can be passed back as a category", async () => {
    expect(declareApis([catalogApi])).toContain('categories(input?: {}): Promise<("camping" | "climbing" | "electronics" | "kitchen" | "apparel" | "books")[]>;');
    const code = [
      "const counts: Record<string, number> = {};",
      "for (const c of await catalog.categories()) counts[c] = (await catalog.search({ category: c, limit: 50 })).items.length;",
      "return counts;",
    ].join("\n");
    const response = await execute({ code });
    expect(response.diagnostics ?? []).toEqual([]);
    expect(response.ok).toBe(true);
    expect(Object.keys(response.result as object)).toEqual(["apparel", "books", "camping", "climbing", "electronics", "kitchen"]);
  });

  it("keeps the description of a union held in an array: weather alerts say that `kind` tells their fields", () => {
    expect(declareApis([weatherApi])).toMatch(/\/\*\* An active weather alert; `kind` tells which fields it has\. \*\/\n\s+alerts: \(\{/);
  });

  it("keeps descriptions the member cannot carry: union alternatives, map values, a described array result", () => {
    const shapes = defineApi({
      name: "shapes",
      description: "Shapes.",
      methods: {
        list: defineMethod({
          description: "Lists shapes.",
          input: z.object({}),
          output: z.array(z.object({ id: z.string() }).describe("One shape, by id.")),
        }),
        one: defineMethod({
          description: "One shape.",
          input: z.object({}),
          output: z.object({
            shape: z.union([z.object({ r: z.number() }).describe("A circle of radius r."), z.literal("none").describe("No shape at all.")]),
            sizes: z.record(z.string(), z.number().describe("Area in square metres.")),
          }),
        }),
      },
    });
    const text = declareApis([shapes]);
    expect(docOf(text, "list")).toContain("@returns One shape, by id.");
    expect(text).toContain("shape: /** A circle of radius r. */ {");
    expect(text).toContain('| /** No shape at all. */ "none";');
    expect(text).toContain("[key: string]: /** Area in square metres. */ number;");
  });
});

describe("@throws lines", () => {
  const demo: ApiContract[] = [catalogApi, mathApi, ratesApi, sessionApi, weatherApi];

  it("document each demo method's own errors, named as its implementation throws them", () => {
    const documented: Record<string, string[]> = {};
    for (const contract of demo) {
      const text = declareApis([contract]);
      for (const method of Object.keys(contract.methods)) {
        const lines = (docOf(text, method) ?? "").split("\n").filter((line) => line.includes("@throws"));
        if (lines.length > 0) documented[`${contract.name}.${method}`] = lines.map((line) => line.replace(/^\s*\* @throws /, ""));
      }
    }
    expect(documented).toEqual({
      "catalog.search": ["InvalidCursorError when `cursor` is not a `nextCursor` this API returned"],
      "rates.latest": ["UpstreamError when the rates service cannot be reached or answers with an error"],
      "rates.convert": ["UpstreamError when the rates service cannot be reached or answers with an error"],
      "session.get": ["SessionEnded when the session was burnt or expired while the code ran"],
      "session.set": [expect.stringMatching(/^SessionLimitExceeded when storing it would pass a cap/), "SessionEnded when the session was burnt or expired while the code ran"],
      "session.delete": ["SessionEnded when the session was burnt or expired while the code ran"],
      "session.list": ["SessionEnded when the session was burnt or expired while the code ran"],
    });
  });

  it("lists the errors any call can throw once, in the header, not on each method", () => {
    const text = declareApis(demo);
    for (const name of ["ValidationError", "RangeError", "ApiCallBudgetExceeded", "TypeError", "ImplementationError"]) {
      expect(text.split(name).length - 1).toBe(1);
    }
  });

  it("refuses a contract that declares a malformed name or one of the host's own", () => {
    const withThrows = (throws: Record<string, string>) => () =>
      defineApi({ name: "bad", description: "Bad.", methods: { go: defineMethod({ description: "Goes.", input: z.object({}), output: z.null(), throws }) } });
    expect(withThrows({ NotFoundError: "when it is not there" })).not.toThrow();
    expect(withThrows({ ValidationError: "when it pretends" })).toThrow(/Error name "ValidationError" in the throws of bad\.go is not usable/);
    expect(withThrows({ "not found": "when" })).toThrow(/Error name "not found"/);
  });
});

describe("the header states the rules and this host's limits", () => {
  it("says to await every call, what pending calls do at return, and that results are JSON", () => {
    const header = flat(declarationsHeader(DEFAULT_DECLARATION_LIMITS));
    expect(header).toContain("`await` every call");
    expect(header).toContain("Calls still running at `return` are waited for (within the deadline), and the first that fails fails the execution.");
    expect(header).toContain("Results, API inputs and logs are JSON");
  });

  it("states the limits it is given", () => {
    const header = flat(declarationsHeader({ maxApiCalls: 7, maxCallInputChars: 1234, maxLogEntries: 9, maxLogTotalChars: 4321, maxResultChars: 99_999 }));
    expect(header).toContain("Limits per execution: 7 API calls, of at most 1,234 characters of JSON input each; 9 log entries and");
    expect(header).toContain("4,321 characters of logs");
    expect(header).toContain("a result of 99,999 characters of JSON");
    expect(declareSelection([{ contract: mathApi, methods: ["add"] }], 24_000, { ...DEFAULT_DECLARATION_LIMITS, maxApiCalls: 7 })).toContain("7 API calls");
  });

  it("serves the demo host's configured limits on /v1/types", async () => {
    expect(flat(await (await call("/v1/types?apis=math")).text())).toContain("1,000 API calls, of at most 262,144 characters of JSON input each; 200 log entries");
  });

  it("serves a host's own limits on /v1/types and in MCP's declarations and search answers", async () => {
    const units = defineApi({
      name: "units",
      description: "Converts lengths.",
      methods: { toMeters: defineMethod({ description: "Converts kilometres to metres.", input: z.object({ km: z.number() }), output: z.number() }) },
    });
    const ghostwire = createGhostwire({ apis: [implementApi(units, { toMeters: ({ km }) => km * 1000 })], config: { GHOSTWIRE_MAX_API_CALLS: 7, GHOSTWIRE_MAX_RESULT_CHARS: 5000 } });
    const workerEnv = { ...(env as unknown as Record<string, unknown>), GHOSTWIRE_ALLOW_ANONYMOUS: "true" };
    const types = flat(await (await ghostwire.handler.fetch(new Request("http://ghostwire.test/v1/types"), workerEnv)).text());
    expect(types).toContain("Limits per execution: 7 API calls");
    expect(types).toContain("a result of 5,000 characters of JSON");
    const mcp = async (method: string, params: unknown) => {
      const response = await ghostwire.handler.fetch(
        new Request("http://ghostwire.test/mcp", {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" },
          body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
        }),
        workerEnv,
      );
      const text = await response.text();
      const data = text.split("\n").find((line) => line.startsWith("data: "));
      return JSON.parse(data === undefined ? text : data.slice(6)) as { result: any };
    };
    const listed = await mcp("tools/list", {});
    expect(listed.result.tools.find((tool: { name: string }) => tool.name === "execute").description).toContain("7 API calls");
    const found = await mcp("tools/call", { name: "search", arguments: { query: "meters" } });
    expect(found.result.structuredContent.declarations).toContain("7 API calls");
  });
});
