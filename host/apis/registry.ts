import { aliasesProblem, methodNamesConflict, type ApiCallContext, type ApiContract, type MethodContract } from "../../api-types/define.js";
import type { ApiSummary } from "../../api-types/rpc.js";
import { invalid } from "../refusal.js";

/** A host-side method: takes validated input and the call's context, returns output still to be validated. */
export type MethodHandler = (input: never, context: ApiCallContext) => unknown;

/**
 * How the bridge treats a method's output that does not match its schema.
 * "strict": the call fails with an ImplementationError. "lenient": the output
 * reaches agent code as the implementation sent it, and the execution's logs
 * get a warning naming the method and the first mismatch. Lenient suits
 * schemas the host did not write (OpenAPI and MCP imports), which real
 * services drift from.
 */
export type OutputPolicy = "strict" | "lenient";

/** What an API's registration adds to its contract; every field is optional. */
export interface ApiRegistration {
  /** Default "strict". */
  readonly outputs?: OutputPolicy;
  /** Per method name, words that group it (an OpenAPI operation's tags): search matches them. */
  readonly tags?: Readonly<Record<string, readonly string[]>>;
}

export interface RegisteredApi extends ApiRegistration {
  readonly contract: ApiContract;
  readonly handlers: Readonly<Record<string, MethodHandler>>;
}

/** The APIs this host offers. Agent code reaches only the ones an execution is granted. */
export class ApiRegistry {
  readonly #apis = new Map<string, RegisteredApi>();

  /**
   * Adds an API. Throws when the name is taken, a method has no
   * implementation, a group of methods shares its name with a method, or an
   * alias does not point at a method.
   */
  register<C extends ApiContract>(contract: C, implementation: { [K in keyof C["methods"]]: MethodHandler }, registration: ApiRegistration = {}): this {
    if (this.#apis.has(contract.name)) throw new Error(`An API named "${contract.name}" is already registered.`);
    const problem = methodNamesConflict(contract.name, Object.keys(contract.methods)) ?? (contract.aliases && aliasesProblem(contract.name, contract.methods, contract.aliases));
    if (problem !== undefined) throw new Error(problem);
    for (const method of Object.keys(contract.methods)) {
      if (typeof (implementation as Record<string, unknown>)[method] !== "function") {
        throw new Error(`API "${contract.name}" has no implementation of method "${method}".`);
      }
    }
    const { outputs, tags } = registration;
    this.#apis.set(contract.name, { contract, handlers: implementation as Record<string, MethodHandler>, ...(outputs && { outputs }), ...(tags && { tags }) });
    return this;
  }

  /** A new registry with these APIs added; an API whose name is already taken is left out. */
  extendedWith(apis: readonly RegisteredApi[]): ApiRegistry {
    const extended = new ApiRegistry();
    for (const [name, api] of this.#apis) extended.#apis.set(name, api);
    for (const api of apis) if (!extended.#apis.has(api.contract.name)) extended.#apis.set(api.contract.name, api);
    return extended;
  }

  has(name: string): boolean {
    return this.#apis.has(name);
  }

  /** Name, description and methods of each API: what GET /v1/apis and Cap'n Web's listApis() show. */
  summaries(): ApiSummary[] {
    return this.list().map(({ contract }) => ({
      name: contract.name,
      description: contract.description,
      methods: Object.entries(contract.methods).map(([name, method]) => ({ name, description: method.description })),
    }));
  }

  list(): RegisteredApi[] {
    return [...this.#apis.values()].sort((a, b) => a.contract.name.localeCompare(b.contract.name));
  }

  names(): string[] {
    return this.list().map((api) => api.contract.name);
  }

  /**
   * The APIs granted by `names`, or every API when `names` is undefined.
   * Unknown names are a bad request that lists the valid ones.
   */
  grant(names?: readonly string[]): RegisteredApi[] {
    if (names === undefined) return this.list();
    const unknown = names.filter((name) => !this.#apis.has(name));
    if (unknown.length > 0) {
      throw invalid("unknown_api", `Unknown API ${unknown.map((n) => `"${n}"`).join(", ")}. Valid APIs: ${this.names().join(", ")}.`);
    }
    return [...new Set(names)].sort().map((name) => this.#apis.get(name)!);
  }
}

/** A method found by the name a call used: `name` is its current name, `oldName` the alias the call used, if any. */
export interface FoundMethod {
  readonly name: string;
  readonly contract: MethodContract;
  readonly handler: MethodHandler;
  readonly oldName?: string;
}

/**
 * The method `method` names: a current name (flat, or dotted as
 * `group.method`), else an old name from the contract's aliases.
 * Undefined when neither knows it. Only own properties count, so a name such
 * as `toString` or `__proto__` never reaches a prototype.
 */
export function methodOf(api: RegisteredApi, method: string): FoundMethod | undefined {
  const { methods, aliases } = api.contract;
  const current = Object.hasOwn(methods, method) ? method : aliases !== undefined && Object.hasOwn(aliases, method) ? aliases[method] : undefined;
  if (current === undefined || !Object.hasOwn(methods, current) || !Object.hasOwn(api.handlers, current)) return undefined;
  return { name: current, contract: methods[current], handler: api.handlers[current], ...(current !== method && { oldName: method }) };
}
