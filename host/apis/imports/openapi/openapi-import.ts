import { z } from "zod";
import { isValidName, type ApiCallContext, type ApiContract, type MethodContract } from "../../../../api-types/define.js";
import { importOutputSchema } from "../json-schema-to-zod.js";
import { sanitizeImportedNames } from "../names.js";
import type { MethodHandler, RegisteredApi } from "../../registry.js";
import { resolveRefs } from "./resolve-refs.js";

/** Most operations one spec may bring. */
export const MAX_OPERATIONS = 5000;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
/** The input field that carries the request body. */
const BODY = "body";

interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  description?: string;
  schema?: unknown;
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; description?: string };
  servers?: { url: string }[];
  paths?: Record<string, Record<string, unknown>>;
}

export interface OpenApiImport {
  /** The namespace in agent code. */
  readonly name: string;
  readonly spec: unknown;
  /** The egress rule every request goes through; it must cover the base URL. */
  readonly egress: string;
  /** Overrides the spec's first `servers` URL. */
  readonly baseUrl?: string;
}

/** Untrusted JSON Schema → zod, defensively (host/apis/imports/json-schema-to-zod.ts); what cannot be read is not checked. */
const toZod = (schema: unknown): z.ZodType => (schema === undefined ? z.unknown() : importOutputSchema(schema).schema);

interface Plan {
  path: string;
  method: string;
  parameters: Parameter[];
  hasBody: boolean;
}

function contractOf(operation: Operation, parameters: Parameter[]): MethodContract {
  const shape: Record<string, z.ZodType> = {};
  for (const p of parameters) {
    let schema = toZod(p.schema ?? { type: "string" });
    if (p.description) schema = schema.describe(p.description);
    shape[p.name] = p.in === "path" || p.required === true ? schema : schema.optional();
  }
  const json = operation.requestBody?.content?.["application/json"];
  if (json !== undefined) {
    const body = toZod(json.schema).describe("The JSON request body.");
    shape[BODY] = operation.requestBody?.required === true ? body : body.optional();
  }
  const success = Object.entries(operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
  const output = success?.content?.["application/json"] === undefined ? z.unknown() : toZod(success.content["application/json"].schema);
  const description = [operation.summary, operation.description].filter(Boolean).join(" ").trim();
  return { description: description || "(no description)", input: z.object(shape), output };
}

async function send(context: ApiCallContext, base: string, plan: Plan, input: Record<string, unknown>): Promise<unknown> {
  let path = plan.path;
  const url = new URL(base.replace(/\/$/, "") + "/");
  const headers = new Headers({ accept: "application/json" });
  for (const p of plan.parameters) {
    const value = input[p.name];
    if (value === undefined) continue;
    const text = typeof value === "string" ? value : JSON.stringify(value);
    if (p.in === "path") path = path.replaceAll(`{${p.name}}`, encodeURIComponent(text));
    else if (p.in === "query") url.searchParams.set(p.name, Array.isArray(value) ? value.join(",") : text);
    else if (p.in === "header") headers.set(p.name, text);
  }
  const target = new URL(path.replace(/^\//, ""), url);
  target.search = url.search;
  let body: string | undefined;
  if (plan.hasBody && input[BODY] !== undefined) {
    body = JSON.stringify(input[BODY]);
    headers.set("content-type", "application/json");
  }
  const response = await context.fetch(target, { method: plan.method.toUpperCase(), headers, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`${plan.method.toUpperCase()} ${plan.path} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One OpenAPI 3 document as an API: each operation a method, named after its
 * operationId (or method and path), sanitized as MCP tool names are. Path,
 * query and header parameters and the JSON body (`body`) form the input;
 * the first 2xx JSON response schema is the output. Requests go through the
 * execution's egress gateway under `egress`, which injects the credential.
 */
export function importOpenApi(source: OpenApiImport): RegisteredApi {
  if (!isValidName(source.name)) throw new Error(`The OpenAPI import "${source.name}" needs a name that is a JavaScript identifier, not a reserved word.`);
  const document = resolveRefs(source.spec as OpenApiDocument);
  if (typeof document.openapi !== "string" || !document.openapi.startsWith("3.")) {
    throw new Error(`The OpenAPI import "${source.name}" is not an OpenAPI 3 document (its "openapi" field is ${JSON.stringify(document.openapi)}).`);
  }
  const base = source.baseUrl ?? document.servers?.[0]?.url;
  if (base === undefined) throw new Error(`The OpenAPI import "${source.name}" has no servers URL; set baseUrl.`);
  const operations: { id: string; plan: Plan; operation: Operation }[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const shared = (item.parameters as Parameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation === undefined) continue;
      const parameters = [...shared.filter((p) => !(operation.parameters ?? []).some((o) => o.name === p.name && o.in === p.in)), ...(operation.parameters ?? [])].filter((p) => p.in !== "cookie");
      const hasBody = operation.requestBody?.content?.["application/json"] !== undefined;
      operations.push({ id: operation.operationId ?? `${method}_${path}`, plan: { path, method, parameters, hasBody }, operation });
    }
  }
  if (operations.length > MAX_OPERATIONS) throw new Error(`The OpenAPI import "${source.name}" has ${operations.length} operations; the limit is ${MAX_OPERATIONS}.`);
  const names = sanitizeImportedNames(operations.map((o) => o.id));
  const byId = new Map(operations.map((o) => [o.id, o]));
  const methods: Record<string, MethodContract> = {};
  const handlers: Record<string, MethodHandler> = {};
  for (const [method, id] of names) {
    const { plan, operation } = byId.get(id)!;
    methods[method] = contractOf(operation, plan.parameters);
    handlers[method] = (input: Record<string, unknown>, context: ApiCallContext) => send(context, base, plan, input);
  }
  const description = document.info?.description ?? document.info?.title ?? `The HTTP API at ${base}.`;
  const contract: ApiContract = { name: source.name, description, methods, egress: [source.egress] };
  return { contract, handlers };
}
