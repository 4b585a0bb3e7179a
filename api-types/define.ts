import { z } from "zod";

/**
 * The contract of one method: what an agent passes, what it gets back, and
 * the prose it reads in the declarations. `input` is always an object schema;
 * a method whose input has no required field may be called with no argument.
 */
export interface MethodContract<
  I extends z.ZodObject = z.ZodObject,
  O extends z.ZodType = z.ZodType,
> {
  readonly description: string;
  readonly input: I;
  readonly output: O;
}

/** The contract of one API: a namespace of methods an agent can call. */
export interface ApiContract<
  M extends Record<string, MethodContract> = Record<string, MethodContract>,
> {
  /** The namespace agent code uses, e.g. `catalog` in `catalog.search(…)`. */
  readonly name: string;
  readonly description: string;
  readonly methods: M;
  /**
   * The ids of the host's egress rules (host/egress/policy/rules.ts) this API's
   * implementation needs. Granting the API grants these rules to the
   * execution, for that execution only.
   */
  readonly egress?: readonly string[];
}

/**
 * What the host hands an implementation with each call. `fetch` goes through
 * the execution's egress gateway, limited to the rules the contract declares:
 * the gateway injects credentials, and the implementation never sees a secret.
 */
export interface ApiCallContext {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

/** What a host-side implementation of contract `C` must provide. */
export type ApiImplementation<C extends ApiContract> = {
  [K in keyof C["methods"]]: (
    input: z.output<C["methods"][K]["input"]>,
    context: ApiCallContext,
  ) => z.input<C["methods"][K]["output"]> | Promise<z.input<C["methods"][K]["output"]>>;
};

/** Names of APIs and methods: plain JavaScript identifiers that are not reserved. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with yield let static implements interface package private " +
    "protected public await async of undefined globalThis console fetch constructor prototype " +
    "__proto__ then").split(" "),
);

/**
 * Member names that would change how an object behaves rather than name a
 * method: a `then` makes it a thenable, the others reach its prototype chain.
 */
const UNSAFE_MEMBERS = new Set(["then", "constructor", "prototype", "__proto__"]);

/** Whether `name` can serve as an API namespace: a top-level binding in agent code. */
export function isValidName(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/**
 * Whether `name` can serve as a method: a property name, so keywords such as
 * `delete` are fine (`session.delete(…)`), but members that change how an
 * object behaves are not.
 */
export function isValidMethodName(name: string): boolean {
  return IDENTIFIER.test(name) && !UNSAFE_MEMBERS.has(name);
}

/** Declares a method; the identity function that keeps its types precise. */
export function defineMethod<I extends z.ZodObject, O extends z.ZodType>(
  method: MethodContract<I, O>,
): MethodContract<I, O> {
  return method;
}

/**
 * Declares an API contract. Throws when a name could not serve as a
 * JavaScript identifier in agent code, so a bad contract fails at load time.
 */
export function defineApi<const M extends Record<string, MethodContract>>(
  api: ApiContract<M>,
): ApiContract<M> {
  if (!isValidName(api.name)) {
    throw new Error(`API name "${api.name}" is not a usable identifier; use letters, digits and _ (not a reserved word).`);
  }
  for (const method of Object.keys(api.methods)) {
    if (!isValidMethodName(method)) {
      throw new Error(`Method name "${api.name}.${method}" is not usable; use letters, digits and _, and not then, constructor, prototype or __proto__.`);
    }
  }
  return Object.freeze({ ...api, methods: Object.freeze({ ...api.methods }) });
}
