import { declareApis } from "../../apis/declarations.js";
import { declarationLimits } from "../../apis/declaration-header.js";
import { runExecuteRequest } from "../../execution/execute-request.js";
import { runCheckRequest, runCompletionsRequest, runHoverRequest } from "../../execution/language-request.js";
import { readJsonBody } from "./body.js";
import { errorResponse } from "./http-refusal.js";
import { MCP_PATH, serveMcp } from "../mcp/index.js";
import { bearerToken } from "../auth/auth-token.js";
import { requireClientAccess } from "../auth/client-access.js";
import type { HostState } from "../../host-state.js";
import { isPlaygroundPath, servePlayground } from "../playground/serve-playground.js";
import { invalid, Refusal } from "../../refusal.js";
import { RPC_PATH, serveRpc } from "../rpc/index.js";
import { PROVIDER_PATH, serveProvider } from "../../apis/providers/source.js";
import { burnSession, createSession } from "../../sessions/index.js";
import { resumeApproval } from "../../approvals/resume.js";

const SESSIONS_PATH = "/v1/sessions";
const APPROVALS_PATH = "/v1/approvals";
/** Who decides over HTTP, as ApprovalDenied names them. */
const HTTP_APPROVER = "the approver (POST /v1/approvals)";

/** Routes that run code, create state or spend the type checker's work: each needs client access (requireClientAccess). */
const CLIENT_ROUTES = new Set(["POST /v1/execute", "POST /v1/sessions", "POST /v1/check", "POST /v1/completions", "POST /v1/hover"]);


function parseApisParam(url: URL): string[] | undefined {
  const value = url.searchParams.get("apis");
  if (value === null) return undefined;
  return value.split(",").map((name) => name.trim()).filter(Boolean);
}

/** A percent-encoded path segment, decoded; a malformed escape (`%ZZ`) is a 400, not a failure of the host. */
function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalid("invalid_path", "The path has a malformed percent-encoding; encode each reserved character as % and two hex digits.");
  }
}

const ROUTES = {
  "GET /": "This index.",
  "GET /playground": "A page to write code against the APIs (completions, hover, inline type errors) and run it with streamed logs.",
  "GET /v1/apis": "The registered APIs as JSON: name, description and methods.",
  "GET /v1/types?apis=a,b": "The TypeScript declarations agents code against (text/typescript).",
  "GET /v1/egress": "The egress rules: the origins agent code may fetch once a rule is granted, and which APIs declare them.",
  "POST /v1/sessions": 'Start an encrypted session: {"ttlSeconds"?: n} → {"session": token, "expiresAt"}. Send the token as "session" with /v1/execute.',
  "DELETE /v1/sessions": "Burn a session, everything in it deleted: the token as `Authorization: Bearer <token>` (or DELETE /v1/sessions/<token>).",
  "GET /rpc": "Cap'n Web over WebSocket (or POST for HTTP batch): the typed service of ghostwire/client.",
  "GET /rpc/provider?api=name": "Cap'n Web WebSocket for remote API providers (needs the provider token).",
  "POST /mcp": "MCP over Streamable HTTP (stateless): tools `search` and `execute`, and `decide` on a host where some method needs approval.",
  "POST /v1/execute": 'Type-check and run agent code: {"code": "...", "apis"?: [...], "egress"?: [...], "check"?: true, "fuel"?: n, "timeoutMs"?: n}.',
  "POST /v1/approvals/<token>": 'Decide on a paused execution (error ApprovalRequired, pending.approval): {"decision": "approve" | "deny", "note"?: "..."}; answers as /v1/execute.',
  "POST /v1/check": 'Type-check agent code without running it: {"code": "...", "apis"?: [...]} → {"diagnostics": [...]}.',
  "POST /v1/completions": 'What may be written at a 1-based position of the code: {"code", "apis"?, "line", "column"} → {"items": [{"name", "kind", "detail"?, "documentation"?}]}.',
  "POST /v1/hover": 'The signature and documentation at a 1-based position of the code: {"code", "apis"?, "line", "column"} → {"text", "documentation"?}.',
};

async function route(request: Request, host: HostState): Promise<Response> {
  const url = new URL(request.url);
  const { config, egress, env } = host;
  // HEAD is answered as GET; the runtime sends the headers only.
  const key = `${request.method === "HEAD" ? "GET" : request.method} ${url.pathname}`;
  if (url.pathname === RPC_PATH) return serveRpc(host, request);
  if (url.pathname === PROVIDER_PATH) return serveProvider(env, request);
  if (isPlaygroundPath(url.pathname)) return servePlayground(request);
  if (url.pathname === MCP_PATH || CLIENT_ROUTES.has(key)) await requireClientAccess(config, bearerToken(request));
  if (url.pathname === MCP_PATH) return serveMcp(host, request);
  if (request.method === "POST" && url.pathname.startsWith(APPROVALS_PATH + "/")) {
    await requireClientAccess(config, bearerToken(request));
    const token = decodePathSegment(url.pathname.slice(APPROVALS_PATH.length + 1));
    return Response.json(await resumeApproval(host, token, await readJsonBody(request, config.GHOSTWIRE_MAX_BODY_BYTES), HTTP_APPROVER));
  }
  if (request.method === "DELETE" && url.pathname.startsWith(SESSIONS_PATH + "/")) {
    await burnSession(env, decodePathSegment(url.pathname.slice(SESSIONS_PATH.length + 1)));
    return Response.json({ burnt: true });
  }
  switch (key) {
    case "GET /":
      return Response.json({ name: "Ghostwire", routes: ROUTES });
    case "GET /v1/apis":
      return Response.json({ apis: await host.catalog.summaries() });
    case "GET /v1/egress": {
      const apis = (await host.catalog.current()).list();
      return Response.json({
        rules: egress.describe().map((rule) => ({
          ...rule,
          apis: apis.filter(({ contract }) => contract.egress?.includes(rule.id)).map(({ contract }) => contract.name),
        })),
      });
    }
    case "GET /v1/types": {
      const contracts = await host.catalog.contracts(parseApisParam(url));
      return new Response(declareApis(contracts, declarationLimits(config)), { headers: { "content-type": "text/typescript; charset=utf-8" } });
    }
    case "POST /v1/sessions":
      return Response.json(await createSession(env, config, await readJsonBody(request, config.GHOSTWIRE_MAX_BODY_BYTES, { optional: true })), { status: 201 });
    case "DELETE /v1/sessions":
      await burnSession(env, bearerToken(request));
      return Response.json({ burnt: true });
    case "POST /v1/execute":
      return Response.json(await runExecuteRequest(host, await readJsonBody(request, config.GHOSTWIRE_MAX_BODY_BYTES)));
    case "POST /v1/check":
      return Response.json(await runCheckRequest(host, await readJsonBody(request, config.GHOSTWIRE_MAX_BODY_BYTES)));
    case "POST /v1/completions":
      return Response.json(await runCompletionsRequest(host, await readJsonBody(request, config.GHOSTWIRE_MAX_BODY_BYTES)));
    case "POST /v1/hover":
      return Response.json(await runHoverRequest(host, await readJsonBody(request, config.GHOSTWIRE_MAX_BODY_BYTES)));
  }
  const known = Object.keys(ROUTES).map((r) => r.split("?")[0]);
  if (known.some((r) => r.endsWith(` ${url.pathname}`))) {
    throw new Refusal("method-not-allowed", "method_not_allowed", `${request.method} is not allowed on ${url.pathname}; see GET / for the routes.`);
  }
  throw new Refusal("not-found", "not_found", `No route ${request.method} ${url.pathname}; see GET / for the routes.`);
}

/**
 * Routes one request to the host that `hostOf` builds (or has built);
 * every error becomes a JSON response, and nothing about the request is
 * logged.
 */
export async function handle(request: Request, hostOf: () => HostState): Promise<Response> {
  try {
    return await route(request, hostOf());
  } catch (error) {
    return errorResponse(error);
  }
}
