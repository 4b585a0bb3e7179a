// The operations of one OpenAPI document, as `npm run test:imports` needs
// them to judge an import from the outside: which operation a method (or a
// search hit) stands for, and whether the spec gave it a request body and a
// JSON response. It reads the spec itself, so it does not depend on how the
// importer names methods or words their docs.

export type Json = Record<string, unknown>;

export interface SpecOperation {
  /** The operationId, or "<method>_<path>" as the importer names an operation without one. */
  readonly id: string;
  /** Words of its summary, or of its description's start when it has no summary. */
  readonly words: readonly string[];
  /** Its summary and description, as the spec words them. */
  readonly text: string;
  /** Names of its path, query and header parameters. */
  readonly parameters: ReadonlySet<string>;
  /** The spec gives a request body with a non-empty schema, in any media type. */
  readonly hasBody: boolean;
  /** The spec gives the first 2xx response a non-empty JSON schema. */
  readonly hasJsonOutput: boolean;
  /** Its `responses` object as the spec gives it, `$ref`s unresolved. */
  readonly responses: Json;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
/** Words of an operation's text that identify it among same-named candidates. */
const IDENTIFYING_WORDS = 8;
/** Shortest method name taken to be a cut (truncated) operationId. */
const TRUNCATED_NAME_CHARS = 40;

export const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/** A name compared without case or separators: "issues/add-labels", "issues_add_labels" and "issues.addLabels" are equal. */
const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");
export const wordsOf = (text: string) => text.toLowerCase().replace(/<[^>]*>/g, " ").split(/[^a-z0-9]+/).filter(Boolean);

/** A local `$ref` resolved one level (the spec's own components), else the value itself. */
export function deref(spec: Json, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#/")) return value;
  let node: unknown = spec;
  for (const part of value.$ref.slice(2).split("/")) node = isObject(node) ? node[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
  return node;
}

const nonEmpty = (schema: unknown) => isObject(schema) && Object.keys(schema).some((key) => !["description", "title", "example", "examples"].includes(key));

function operationOf(spec: Json, id: string, operation: Json, shared: unknown[]): SpecOperation {
  const parameters = new Set<string>();
  for (const p of [...shared, ...((operation.parameters as unknown[]) ?? [])].map((p) => deref(spec, p))) {
    if (isObject(p) && typeof p.name === "string" && p.in !== "cookie") parameters.add(p.name);
  }
  const body = deref(spec, operation.requestBody);
  const content = isObject(body) && isObject(body.content) ? Object.values(body.content) : [];
  const hasBody = content.some((media) => isObject(media) && nonEmpty(deref(spec, media.schema)));
  const responses = isObject(operation.responses) ? operation.responses : {};
  const success = deref(spec, Object.entries(responses).find(([status]) => /^2\d\d$/.test(status))?.[1]);
  const json = isObject(success) && isObject(success.content) ? success.content["application/json"] : undefined;
  const hasJsonOutput = isObject(json) && nonEmpty(deref(spec, json.schema));
  const summary = typeof operation.summary === "string" ? operation.summary : "";
  const description = typeof operation.description === "string" ? operation.description : "";
  const words = wordsOf(summary.trim() !== "" ? summary : description).slice(0, IDENTIFYING_WORDS);
  return { id, words, text: `${summary} ${description}`, parameters, hasBody, hasJsonOutput, responses };
}

export class OperationIndex {
  readonly operations: SpecOperation[] = [];

  constructor(spec: Json) {
    for (const [path, item] of Object.entries(isObject(spec.paths) ? spec.paths : {})) {
      if (!isObject(item)) continue;
      for (const method of HTTP_METHODS) {
        const operation = item[method];
        if (!isObject(operation)) continue;
        const id = typeof operation.operationId === "string" ? operation.operationId : `${method}_${path}`;
        this.operations.push(operationOf(spec, id, operation, (item.parameters as unknown[]) ?? []));
      }
    }
  }

  /**
   * The operation a method stands for, or undefined when none or several fit.
   * A method fits an operation whose id equals its name up to case and
   * separators, or ends with it (a namespace took the prefix), or that it
   * ends with (a namespace was prepended), or starts with it when the name
   * is long (cut by the importer; a collision suffix is ignored). Several
   * fitting operations are told apart by the words of their summary, which
   * the method's doc must contain in order.
   */
  find(method: string, description: string): SpecOperation | undefined {
    const name = squash(method);
    const exact = this.operations.filter((o) => squash(o.id) === name);
    const candidates = exact.length > 0 ? exact : this.operations.filter((o) => {
      const id = squash(o.id);
      return id.endsWith(name) || name.endsWith(id) || (name.length >= TRUNCATED_NAME_CHARS && id.startsWith(name.replace(/\d+$/, "")));
    });
    if (candidates.length <= 1) return candidates[0];
    const doc = ` ${wordsOf(description).join(" ")} `;
    const described = candidates.filter((o) => o.words.length > 0 && doc.includes(` ${o.words.join(" ")} `));
    return described.length === 1 ? described[0] : undefined;
  }
}
