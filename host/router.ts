import { executeRequest } from "../api-types/execution";
import { loadConfig, type HostConfig } from "./config";
import { declareApis } from "./declarations";
import { createDemoRegistry } from "./demo-apis";
import { createEgressGateway, EGRESS_RULES, type EgressGateway } from "./egress";
import { execute } from "./executor";
import { createIsolateHost, type IsolateHost } from "./isolate-host";
import { readJsonBody } from "./http-body";
import { badRequest, HttpError } from "./http-error";
import type { ApiRegistry } from "./registry";
import { TypeChecker } from "./typecheck";

/** Per-isolate state: built on first use, kept warm for every later request. */
interface Host {
  readonly config: HostConfig;
  readonly registry: ApiRegistry;
  readonly checker: TypeChecker;
  readonly isolates: IsolateHost;
  readonly egress: EgressGateway;
}

let host: Host | undefined;

function createHost(env: Env): Host {
  const config = loadConfig(env);
  const registry = createDemoRegistry();
  const egress = createEgressGateway(
    env,
    EGRESS_RULES,
    { maxRequests: config.GHOSTWIRE_MAX_EGRESS_REQUESTS, maxResponseBytes: config.GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES, timeoutMs: config.GHOSTWIRE_EGRESS_TIMEOUT_MS },
    registry.list().map((api) => api.contract),
  );
  return { config, registry, checker: new TypeChecker(), isolates: createIsolateHost(env), egress };
}

function getHost(env: Env): Host {
  host ??= createHost(env);
  return host;
}

function parseApisParam(url: URL): string[] | undefined {
  const value = url.searchParams.get("apis");
  if (value === null) return undefined;
  return value.split(",").map((name) => name.trim()).filter(Boolean);
}

const ROUTES = {
  "GET /": "This index.",
  "GET /v1/apis": "The registered APIs as JSON: name, description and methods.",
  "GET /v1/types?apis=a,b": "The TypeScript declarations agents code against (text/typescript).",
  "GET /v1/egress": "The egress rules: the origins agent code may fetch once a rule is granted, and which APIs declare them.",
  "POST /v1/execute": 'Type-check and run agent code: {"code": "...", "apis"?: [...], "egress"?: [...], "check"?: true, "fuel"?: n, "timeoutMs"?: n}.',
};

async function route(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const { config, registry, checker, isolates, egress } = getHost(env);
  const key = `${request.method} ${url.pathname}`;
  switch (key) {
    case "GET /":
      return Response.json({ name: "Ghostwire", routes: ROUTES });
    case "GET /v1/apis":
      return Response.json({
        apis: registry.list().map(({ contract }) => ({
          name: contract.name,
          description: contract.description,
          methods: Object.entries(contract.methods).map(([name, method]) => ({ name, description: method.description })),
        })),
      });
    case "GET /v1/egress":
      return Response.json({
        rules: egress.describe().map((rule) => ({
          ...rule,
          apis: registry.list().filter(({ contract }) => contract.egress?.includes(rule.id)).map(({ contract }) => contract.name),
        })),
      });
    case "GET /v1/types": {
      const apis = registry.grant(parseApisParam(url));
      return new Response(declareApis(apis.map((api) => api.contract)), { headers: { "content-type": "text/typescript; charset=utf-8" } });
    }
    case "POST /v1/execute": {
      const parsed = executeRequest.safeParse(await readJsonBody(request, config.GHOSTWIRE_MAX_BODY_BYTES));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
        throw badRequest("invalid_request", `${where}${issue.message}`, parsed.error.issues.map((i) => ({ path: i.path, message: i.message })));
      }
      const { code, apis, check, fuel, timeoutMs, egress: requestedEgress } = parsed.data;
      const bytes = new TextEncoder().encode(code).byteLength;
      if (bytes > config.GHOSTWIRE_MAX_CODE_BYTES) {
        throw badRequest("code_too_large", `code is ${bytes} bytes; the limit is ${config.GHOSTWIRE_MAX_CODE_BYTES} bytes.`);
      }
      if (fuel !== undefined && fuel > config.GHOSTWIRE_MAX_FUEL) {
        throw badRequest("fuel_too_large", `fuel is ${fuel}; this host allows at most ${config.GHOSTWIRE_MAX_FUEL}. Send a smaller fuel, or omit it to get the maximum.`);
      }
      if (timeoutMs !== undefined && timeoutMs > config.GHOSTWIRE_TIMEOUT_MS) {
        throw badRequest("timeout_too_large", `timeoutMs is ${timeoutMs}; this host allows at most ${config.GHOSTWIRE_TIMEOUT_MS}. Send a smaller timeoutMs, or omit it to get the maximum.`);
      }
      const granted = registry.grant(apis);
      const grantedEgress = egress.grant(granted.map((api) => api.contract), requestedEgress);
      const execution = { code, apis: granted, egress: grantedEgress, check: check ?? true, fuel: fuel ?? config.GHOSTWIRE_MAX_FUEL, timeoutMs: timeoutMs ?? config.GHOSTWIRE_TIMEOUT_MS };
      return Response.json(await execute(execution, { isolates, checker, config, egress }));
    }
  }
  const known = Object.keys(ROUTES).map((r) => r.split("?")[0]);
  if (known.some((r) => r.endsWith(` ${url.pathname}`))) {
    throw new HttpError(405, "method_not_allowed", `${request.method} is not allowed on ${url.pathname}; see GET / for the routes.`);
  }
  throw new HttpError(404, "not_found", `No route ${request.method} ${url.pathname}; see GET / for the routes.`);
}

/** Routes one request; every error becomes a JSON response, and nothing about the request is logged. */
export async function handle(request: Request, env: Env): Promise<Response> {
  try {
    return await route(request, env);
  } catch (error) {
    if (error instanceof HttpError) return error.getResponse();
    return new HttpError(500, "internal", "The host failed to handle this request.").getResponse();
  }
}
