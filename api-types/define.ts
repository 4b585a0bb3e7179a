import { z } from "zod";
import { approvalRuleProblem, type ApprovalRule } from "./approval.js";
import { isDeclarableErrorName } from "./call-errors.js";

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
  /**
   * The errors the implementation throws on purpose: error name → when, a
   * phrase printed as `@throws <name> <when>` in the declarations, e.g.
   * `{ InvalidCursorError: "when the cursor is not one this API returned" }`.
   * The host passes an implementation error's `name` to agent code only when
   * it is declared here; any other failure reaches agent code as "Error".
   * Names are capitalized identifiers, not the host's own
   * (api-types/call-errors.ts), which the declarations' header lists once.
   */
  readonly throws?: Readonly<Record<string, string>>;
  /**
   * Whether a call needs a person's approval before the implementation runs
   * (api-types/approval.ts): "required", or `{ when, check }` where `check`
   * sees the validated input. The declarations say `Needs approval: …`; a
   * denied call rejects in agent code with ApprovalDenied.
   */
  readonly approval?: ApprovalRule<z.output<I>>;
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
   * Former method names that still answer, for one release: old name → the
   * method's current name. Calls through one run the method with a warning in
   * the execution's logs, and type-check, but agents never read them: the
   * declarations and search leave them out.
   */
  readonly aliases?: Readonly<Record<string, string>>;
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

/** One segment of a method name: a property name that does not change how an object behaves. */
const isValidMember = (segment: string) => IDENTIFIER.test(segment) && !UNSAFE_MEMBERS.has(segment);

/**
 * Whether `name` can serve as a method: a property name, so keywords such as
 * `delete` are fine (`session.delete(…)`), but members that change how an
 * object behaves are not. A method may sit in a group: `group.method`, two
 * such names joined by one dot (`github.issues.addLabels(…)` in agent code).
 */
export function isValidMethodName(name: string): boolean {
  const segments = name.split(".");
  return segments.length <= 2 && segments.every(isValidMember);
}

/** What `isValidMethodName` accepts, in words, for refusals. */
export const METHOD_NAME_RULE = "letters, digits and _, optionally as group.method, and no part may be then, constructor, prototype or __proto__";

/**
 * Why these method names cannot share one namespace, or undefined when they
 * can: a group (`issues` of `issues.addLabels`) must not also be a method.
 */
export function methodNamesConflict(api: string, methods: Iterable<string>): string | undefined {
  const flat = new Set<string>();
  const groups = new Set<string>();
  for (const method of methods) {
    const dot = method.indexOf(".");
    if (dot === -1) flat.add(method);
    else groups.add(method.slice(0, dot));
  }
  const clash = [...groups].find((group) => flat.has(group));
  return clash === undefined ? undefined : `API "${api}" has both a method "${clash}" and a group "${clash}" of methods (${clash}.…); rename one of them, since ${api}.${clash} can only be one.`;
}

/**
 * Why `aliases` (old name → current method) cannot serve `methods`, or
 * undefined when they can: an old name is a plain method name that is not in
 * use, and it points at a method that exists.
 */
export function aliasesProblem(api: string, methods: Readonly<Record<string, unknown>>, aliases: Readonly<Record<string, string>>): string | undefined {
  const groups = new Set(Object.keys(methods).map((method) => method.split(".")[0]));
  for (const [old, current] of Object.entries(aliases)) {
    if (!IDENTIFIER.test(old) || UNSAFE_MEMBERS.has(old) || Object.hasOwn(methods, old) || groups.has(old)) {
      return `The old name "${api}.${old}" cannot be an alias: it must be a plain method name (${METHOD_NAME_RULE}) that no method or group of "${api}" uses.`;
    }
    if (!Object.hasOwn(methods, current)) return `The old name "${api}.${old}" points at "${current}", which is not a method of "${api}"; point it at a current method name.`;
  }
  return undefined;
}

/** Declares a method; the identity function that keeps its types precise. */
export function defineMethod<I extends z.ZodObject, O extends z.ZodType>(
  method: MethodContract<I, O>,
): MethodContract<I, O> {
  return method;
}

/**
 * Declares an API contract. Throws when a name could not serve in agent
 * code (not an identifier, a group that is also a method, an alias that
 * points nowhere), so a bad contract fails at load time.
 */
export function defineApi<const M extends Record<string, MethodContract>>(
  api: ApiContract<M>,
): ApiContract<M> {
  if (!isValidName(api.name)) {
    throw new Error(`API name "${api.name}" is not a usable identifier; use letters, digits and _ (not a reserved word).`);
  }
  for (const method of Object.keys(api.methods)) {
    if (!isValidMethodName(method)) {
      throw new Error(`Method name "${api.name}.${method}" is not usable; use ${METHOD_NAME_RULE}.`);
    }
    const approvalProblem = api.methods[method].approval === undefined ? undefined : approvalRuleProblem(`${api.name}.${method}`, api.methods[method].approval);
    if (approvalProblem !== undefined) throw new Error(approvalProblem);
    const undeclarable = Object.keys(api.methods[method].throws ?? {}).find((error) => !isDeclarableErrorName(error));
    if (undeclarable !== undefined) {
      throw new Error(`Error name "${undeclarable}" in the throws of ${api.name}.${method} is not usable; use a capitalized identifier that is not one of the host's own (api-types/call-errors.ts).`);
    }
  }
  const problem = methodNamesConflict(api.name, Object.keys(api.methods)) ?? (api.aliases && aliasesProblem(api.name, api.methods, api.aliases));
  if (problem !== undefined) throw new Error(problem);
  return Object.freeze({ ...api, methods: Object.freeze({ ...api.methods }), ...(api.aliases && { aliases: Object.freeze({ ...api.aliases }) }) });
}
