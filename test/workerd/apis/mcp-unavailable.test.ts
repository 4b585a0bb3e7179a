import { env } from "cloudflare:test";
import type { FetchLike } from "@modelcontextprotocol/sdk/shared/transport.js";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ApiSummary } from "../../../api-types/rpc.js";
import { createApiCatalog } from "../../../host/apis/catalog.js";
import { MAX_TOOL_LIST_BYTES } from "../../../host/apis/imports/mcp/listing-fetch.js";
import type { ImportedMcpServer } from "../../../host/apis/imports/mcp/config.js";
import { RETRY_FIRST_MS } from "../../../host/apis/imports/mcp/listing-schedule.js";
import { createMcpSource } from "../../../host/apis/imports/mcp/source.js";
import { MAX_UNAVAILABLE_REASON_CHARS } from "../../../host/apis/imports/mcp/unavailable-reason.js";
import { ApiRegistry } from "../../../host/apis/registry.js";
import type { GhostwireEnv } from "../../../host/ghostwire-env.js";
import { createGhostwire } from "../../../host/index.js";
import { inProcessMcpServer } from "./mcp-in-process.js";

/**
 * An imported MCP server that cannot be listed is not silently dropped:
 * GET /v1/apis (and Cap'n Web's listApis, which shares the summaries) shows
 * it with `unavailable`, a bounded reason that never holds the credential.
 */

const SECRET = "sk-live-7dQ2-very-secret-credential-value";
const withCredential: ImportedMcpServer = { name: "notes", url: "https://notes.example/mcp", credential: { secret: "NOTES_TOKEN", header: "authorization", template: "Bearer {secret}" } };
const open: ImportedMcpServer = { name: "notes", url: "https://notes.example/mcp" };
const workerEnv = { ...(env as object), NOTES_TOKEN: SECRET } as unknown as GhostwireEnv;

/** Lists `server` through `fetchFn` and returns the reason it gives for being unavailable. */
async function reasonFor(server: ImportedMcpServer, fetchFn: FetchLike, sourceEnv = workerEnv): Promise<string> {
  const source = createMcpSource(server, sourceEnv, fetchFn);
  expect(await source.list()).toEqual([]);
  const unavailable = source.unavailable?.();
  expect(unavailable).toMatchObject({ name: "notes", description: "Tools of the MCP server at notes.example." });
  const reason = unavailable!.reason;
  expect(reason.length).toBeLessThanOrEqual(MAX_UNAVAILABLE_REASON_CHARS);
  expect(reason).not.toContain(SECRET);
  expect(reason).not.toContain(SECRET.slice(0, 12));
  return reason;
}

/** A server that answers every request with `body`, echoing what the host sent, so a leak would show. */
const answering = (status: number, contentType: string, body: (request: Request) => string): FetchLike => async (url, init) => {
  const request = new Request(url, init);
  return new Response(body(request), { status, headers: { "content-type": contentType } });
};
const echo = (request: Request) => `denied: ${request.headers.get("authorization")}`;

describe("an MCP server that cannot be listed", () => {
  it("that is down: could not be reached", async () => {
    const down: FetchLike = async () => {
      throw new Error("Network connection lost.");
    };
    expect(await reasonFor(withCredential, down)).toBe("The MCP server at notes.example could not be reached. Its tools are left out until it answers; nothing else is affected.");
  });

  it("that refuses the credential with 401 or 403: says so and names the secret, never its value", async () => {
    const seen: (string | null)[] = [];
    const refusing: FetchLike = async (url, init) => {
      seen.push(new Request(url, init).headers.get("authorization"));
      return answering(401, "text/plain", echo)(url, init);
    };
    expect(await reasonFor(withCredential, refusing)).toMatch(/refused the host's credential with HTTP 401; check the Worker secret NOTES_TOKEN\./);
    expect(seen[0], "the host did send the credential, so the reason had it at hand").toBe(`Bearer ${SECRET}`);
    expect(await reasonFor(open, answering(403, "application/json", echo))).toMatch(/refused the host with HTTP 403; configure a credential for it\./);
  });

  it("that answers garbage: something other than MCP, whatever the garbage says", async () => {
    const html = await reasonFor(withCredential, answering(200, "text/html", (request) => `<html>${echo(request)}</html>`));
    expect(html).toMatch(/answered with something other than MCP/);
    expect(await reasonFor(withCredential, answering(200, "application/json", echo))).toMatch(/answered with something other than MCP/);
    expect(await reasonFor(withCredential, answering(200, "application/json", (request) => JSON.stringify({ hello: echo(request) })))).toMatch(/answered with something other than MCP/);
    expect(await reasonFor(withCredential, answering(502, "text/plain", echo))).toMatch(/answered HTTP 502 instead of MCP/);
  });

  it("whose secret is not set: names the secret to set", async () => {
    const never: FetchLike = async () => {
      throw new Error("The host must not connect without its credential.");
    };
    expect(await reasonFor(withCredential, never, env as unknown as GhostwireEnv)).toMatch(/needs the Worker secret NOTES_TOKEN, which is not set/);
  });

  it("whose tool list passes MAX_TOOL_LIST_BYTES: too large, and nothing is imported", async () => {
    const huge = inProcessMcpServer((server) => {
      server.registerTool("big", { description: "x".repeat(MAX_TOOL_LIST_BYTES), inputSchema: { a: z.string() } }, async () => ({ content: [] }));
    });
    expect(await reasonFor(withCredential, huge)).toMatch(/sent a tool list larger than this host reads/);
  });

  it("is offered again once it answers, and its reason is gone", async () => {
    let up = false;
    const server = inProcessMcpServer((mcp) => {
      mcp.registerTool("ping", { description: "Pings.", inputSchema: {} }, async () => ({ content: [{ type: "text", text: "pong" }] }));
    });
    const flaky: FetchLike = async (url, init) => {
      if (!up) throw new TypeError("Network connection lost.");
      return server(url, init);
    };
    let clock = 0;
    const source = createMcpSource(withCredential, workerEnv, flaky, () => clock);
    expect(await source.list()).toEqual([]);
    expect(source.unavailable?.()?.reason).toMatch(/could not be reached/);
    up = true;
    expect(await source.list(), "within the backoff the server is not asked again").toEqual([]);
    clock += RETRY_FIRST_MS;
    expect((await source.list()).map((api) => Object.keys(api.contract.methods))).toEqual([["ping"]]);
    expect(source.unavailable?.()).toBeUndefined();
  });
});

describe("the catalog's summaries", () => {
  it("list an unavailable API by name with its reason and no methods; a built-in API of that name wins", async () => {
    const registry = new ApiRegistry();
    const source = (name: string) => ({ name: `mcp:${name}`, list: async () => [], unavailable: () => ({ name, description: `About ${name}.`, reason: `Reason ${name}.` }) });
    const catalog = createApiCatalog(registry.extendedWith([{ contract: { name: "taken", description: "Built in.", methods: {} }, handlers: {} }]), [source("zeta"), source("taken"), source("alpha")]);
    expect(await catalog.summaries()).toEqual([
      { name: "alpha", description: "About alpha.", methods: [], unavailable: "Reason alpha." },
      { name: "taken", description: "Built in.", methods: [] },
      { name: "zeta", description: "About zeta.", methods: [], unavailable: "Reason zeta." },
    ]);
    expect((await catalog.current()).names(), "an unavailable API cannot be granted").toEqual(["taken"]);
  });
});

describe("GET /v1/apis with an imported MCP server that is down", () => {
  it("shows the server with why, next to the APIs that work", async () => {
    const ghostwire = createGhostwire({ mcpServers: [{ name: "down", url: "http://127.0.0.1:9/mcp", description: "A server that is not running." }] });
    const response = await ghostwire.handler.fetch(new Request("http://ghostwire.test/v1/apis"), env);
    expect(response.status).toBe(200);
    const { apis } = (await response.json()) as { apis: ApiSummary[] };
    expect(apis.find((api) => api.name === "down")).toEqual({
      name: "down",
      description: "A server that is not running.",
      methods: [],
      unavailable: "The MCP server at 127.0.0.1:9 could not be reached. Its tools are left out until it answers; nothing else is affected.",
    });
  });
});
