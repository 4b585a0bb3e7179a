import { z } from "zod";
import { isValidName, type ApiCallContext, type ApiContract, type MethodContract } from "../../../../api-types/define.js";
import { ConversionBudget, MAX_IMPORT_NODES, MAX_IMPORT_WORK } from "../conversion-budget.js";
import { convertInScope, withConverter } from "../json-schema-to-zod.js";
import { resolvePointer } from "../json-pointer.js";
import { describeSchema } from "../../named-types.js";
import { operationMethodNames } from "../names.js";
import { SchemaScope, type Io } from "../schema-scope.js";
import type { MethodHandler, RegisteredApi } from "../../registry.js";
import { httpError, httpErrorThrows } from "./http-error.js";
import { encodeBody, isJsonMediaType, pickBody, type BodyEncoding } from "./request-body.js";
import { legacyAliases } from "./legacy-names.js";
import { queryPairs } from "./query-parameters.js";

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
  /** How a query value is serialized (host/apis/imports/openapi/query-parameters.ts). */
  style?: string;
  explode?: boolean;
}

interface Operation {
  tags?: unknown[];
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
  /**
   * How outputs are checked against the spec. "lenient" (the default): a
   * response that does not match is passed on with a warning in the
   * execution's logs, because real APIs drift from their descriptions.
   * "strict": a mismatch is an ImplementationError.
   */
  readonly outputs?: "strict" | "lenient";
}

/** Most tags of one operation that search matches. */
const MAX_TAGS = 8;

/** Most `$ref` hops followed to reach a parameter, request body or response. */
const MAX_OBJECT_HOPS = 8;

interface Plan {
  path: string;
  method: string;
  parameters: Parameter[];
  body: BodyEncoding | undefined;
}

/** A parameter, request body or response, following local `$ref`s (a bounded number of hops); undefined when it cannot be found. */
function follow<T>(document: unknown, value: unknown): T | undefined {
  let node = value;
  for (let hop = 0; hop <= MAX_OBJECT_HOPS; hop++) {
    if (node === null || typeof node !== "object") return undefined;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref !== "string") return node as T;
    node = resolvePointer(document, ref);
  }
  return undefined;
}

function contractOf(document: unknown, scope: SchemaScope, operation: Operation, plan: Plan): MethodContract {
  const notes = new Set<string>();
  const convert = (schema: unknown, io: Io) => {
    const converted = convertInScope(schema, scope, io);
    if (converted.note) notes.add(converted.note);
    return converted.schema;
  };
  const shape: Record<string, z.ZodType> = {};
  for (const p of plan.parameters) {
    const schema = describeSchema(convert(p.schema ?? { type: "string" }, "input"), p.description);
    shape[p.name] = p.in === "path" || p.required === true ? schema : schema.optional();
  }
  const requestBody = follow<NonNullable<Operation["requestBody"]>>(document, operation.requestBody);
  if (plan.body !== undefined) {
    const media = requestBody?.content?.[plan.body.mediaType];
    const body =
      plan.body.kind === "text"
        ? z.string().describe(`The request body, sent as ${plan.body.mediaType}: a string, sent as its UTF-8 bytes.`)
        : describeSchema(convert(media?.schema, "input"), `The request body, sent as ${plan.body.mediaType}.`);
    shape[BODY] = requestBody?.required === true ? body : body.optional();
  }
  const success = Object.entries(operation.responses ?? {}).find(([status]) => /^2\d\d$/.test(status))?.[1];
  const response = follow<{ content?: Record<string, { schema?: unknown }> }>(document, success);
  const json = Object.entries(response?.content ?? {}).find(([type]) => isJsonMediaType(type))?.[1];
  const output = json === undefined ? z.unknown() : convert(json.schema, "output");
  const description = [operation.summary, operation.description, ...notes].filter(Boolean).join(" ").trim();
  return { description: description || "(no description)", input: z.object(shape), output, throws: httpErrorThrows(operation.responses) };
}

async function send(context: ApiCallContext, base: string, plan: Plan, input: Record<string, unknown>): Promise<unknown> {
  let path = plan.path;
  const url = new URL(base.replace(/\/$/, "") + "/");
  const query: string[] = [];
  const headers = new Headers({ accept: "application/json" });
  for (const p of plan.parameters) {
    const value = input[p.name];
    if (value === undefined) continue;
    const text = typeof value === "string" ? value : Array.isArray(value) ? value.join(",") : JSON.stringify(value);
    if (p.in === "path") path = path.replaceAll(`{${p.name}}`, encodeURIComponent(text));
    else if (p.in === "query") query.push(...queryPairs(p.name, value, p));
    else if (p.in === "header") headers.set(p.name, text);
  }
  const target = new URL(path.replace(/^\//, ""), url);
  target.search = query.join("&");
  let body: BodyInit | undefined;
  if (plan.body !== undefined && input[BODY] !== undefined) {
    body = encodeBody(plan.body, input[BODY]);
    if (plan.body.kind !== "multipart") headers.set("content-type", plan.body.mediaType);
  }
  const response = await context.fetch(target, { method: plan.method.toUpperCase(), headers, body });
  const text = await response.text();
  if (!response.ok) throw httpError(plan.method, plan.path, response.status, text);
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One OpenAPI 3 document as an API: each operation a method, named by
 * host/apis/imports/names.ts's operationMethodNames (`issues/add-labels` →
 * issues.addLabels); the names of the old rule stay as aliases for one
 * release (host/apis/imports/openapi/legacy-names.ts). Path,
 * query and header parameters and the request body (`body`: JSON, form-
 * encoded or multipart) form the input; the first 2xx JSON response schema
 * is the output. Each `#/components/schemas/X` becomes one named type
 * (host/apis/imports/schema-scope.ts), converted once within the import's
 * budget (host/apis/imports/conversion-budget.ts). Requests go through the
 * execution's egress gateway under `egress`, which injects the credential.
 */
export function importOpenApi(source: OpenApiImport): RegisteredApi {
  if (!isValidName(source.name)) throw new Error(`The OpenAPI import "${source.name}" needs a name that is a JavaScript identifier, not a reserved word.`);
  const document = source.spec as OpenApiDocument;
  if (document === null || typeof document !== "object") throw new Error(`The OpenAPI import "${source.name}" is not a JSON object; pass the parsed document.`);
  if (typeof document.openapi !== "string" || !document.openapi.startsWith("3.")) {
    throw new Error(`The OpenAPI import "${source.name}" is not an OpenAPI 3 document (its "openapi" field is ${JSON.stringify(document.openapi)}).`);
  }
  const base = source.baseUrl ?? document.servers?.[0]?.url;
  if (base === undefined) throw new Error(`The OpenAPI import "${source.name}" has no servers URL; set baseUrl.`);
  const operations: { id: string; plan: Plan; operation: Operation }[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const parametersOf = (list: unknown) => (Array.isArray(list) ? list : []).map((p) => follow<Parameter>(document, p)).filter((p): p is Parameter => typeof p?.name === "string");
    const shared = parametersOf(item.parameters);
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation === undefined || operation === null || typeof operation !== "object") continue;
      const own = parametersOf(operation.parameters);
      const parameters = [...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)), ...own].filter((p) => p.in !== "cookie");
      const body = pickBody(follow<NonNullable<Operation["requestBody"]>>(document, operation.requestBody)?.content);
      operations.push({ id: operation.operationId ?? `${method}_${path}`, plan: { path, method, parameters, body }, operation });
    }
  }
  if (operations.length > MAX_OPERATIONS) throw new Error(`The OpenAPI import "${source.name}" has ${operations.length} operations; the limit is ${MAX_OPERATIONS}.`);
  const tagsOf = (operation: Operation) => (Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === "string").slice(0, MAX_TAGS) : undefined);
  const names = operationMethodNames(
    operations.map(({ plan, operation }) => ({ operationId: typeof operation.operationId === "string" ? operation.operationId : undefined, tags: tagsOf(operation), method: plan.method, path: plan.path })),
  );
  const scope = withConverter(new SchemaScope(document, new ConversionBudget(MAX_IMPORT_NODES, MAX_IMPORT_WORK), ["#/components/schemas/"]));
  const methods: Record<string, MethodContract> = {};
  const handlers: Record<string, MethodHandler> = {};
  const tags: Record<string, readonly string[]> = {};
  operations.forEach(({ plan, operation }, i) => {
    const method = names[i];
    methods[method] = contractOf(document, scope, operation, plan);
    const own = tagsOf(operation);
    if (own !== undefined) tags[method] = own;
    handlers[method] = (input: Record<string, unknown>, context: ApiCallContext) => send(context, base, plan, input);
  });
  const aliases = legacyAliases(operations.map((o) => o.id), names);
  const description = document.info?.description ?? document.info?.title ?? `The HTTP API at ${base}.`;
  const contract: ApiContract = { name: source.name, description, methods, egress: [source.egress], ...(Object.keys(aliases).length > 0 && { aliases }) };
  return { contract, handlers, outputs: source.outputs ?? "lenient", tags };
}
