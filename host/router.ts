import { executeRequest } from "../api-types/execution";
import { loadConfig, type HostConfig } from "./config";
import { declareApis } from "./declarations";
import { createDemoRegistry } from "./demo-apis";
import { execute } from "./executor";
import { readJsonBody } from "./http-body";
import { badRequest, HttpError } from "./http-error";
import type { ApiRegistry } from "./registry";
import { TypeChecker } from "./typecheck";

/** Per-isolate state: built on first use, kept warm for every later request. */
interface Host {
  readonly config: HostConfig;
  readonly registry: ApiRegistry;
  readonly checker: TypeChecker;
}

let host: Host | undefined;

function getHost(env: Env): Host {
  host ??= { config: loadConfig(env), registry: createDemoRegistry(), checker: new TypeChecker() };
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
  "POST /v1/execute": 'Type-check and run agent code: {"code": "...", "apis"?: [...], "check"?: true}.',
};

async function route(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url);
  const { config, registry, checker } = getHost(env);
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
      const { code, apis, check } = parsed.data;
      const bytes = new TextEncoder().encode(code).byteLength;
      if (bytes > config.GHOSTWIRE_MAX_CODE_BYTES) {
        throw badRequest("code_too_large", `code is ${bytes} bytes; the limit is ${config.GHOSTWIRE_MAX_CODE_BYTES} bytes.`);
      }
      const granted = registry.grant(apis);
      return Response.json(await execute({ code, apis: granted, check: check ?? true }, { loader: env.LOADER, checker, config }));
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
