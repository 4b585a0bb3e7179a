import { approvalRuleProblem, type ApprovalRule } from "../../api-types/approval.js";
import type { ApiContract } from "../../api-types/define.js";
import type { RegisteredApi } from "../apis/registry.js";

/** Approval rules a host sets for any API (createGhostwire({ approvals })): "api.method" → rule. */
export type HostApprovals = Readonly<Record<string, ApprovalRule<any>>>;

/** Longest reason a rule's `check` may give; a longer one is cut, since it reaches the person deciding and the pending call. */
const MAX_REASON_CHARS = 500;

/**
 * Why this call needs approval, or undefined when it needs none. `input` has
 * passed the method's schema. A `check` that throws or answers anything but
 * a string or false counts as "needs approval": a broken rule must not let a
 * call through unasked.
 */
export function approvalReason(rule: ApprovalRule<any> | undefined, api: string, method: string, input: unknown): string | undefined {
  if (rule === undefined) return undefined;
  if (rule === "required") return `${api}.${method} always needs approval.`;
  let verdict: unknown;
  try {
    verdict = rule.check(input);
  } catch (error) {
    verdict = `the approval rule of ${api}.${method} failed (${error instanceof Error ? error.message : String(error)}), so a person decides`;
  }
  if (verdict === false) return undefined;
  const reason = typeof verdict === "string" && verdict.trim() !== "" ? verdict : `${api}.${method} needs approval ${rule.when}.`;
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
}

/** The doc line a method's declaration carries for its rule, so agents expect a wait or an ApprovalDenied: none without a rule. */
export function approvalDoc(rule: ApprovalRule<any> | undefined): string[] {
  if (rule === undefined) return [];
  return [`Needs approval: ${rule === "required" ? "always" : rule.when}. A person decides before it runs; a denial rejects with ApprovalDenied.`];
}

/** Checks host approval rules at startup: keys are "api.method", rules well formed. Throws a sentence naming the first problem. */
export function checkHostApprovals(approvals: HostApprovals): void {
  for (const [key, rule] of Object.entries(approvals)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_.]*$/.test(key)) {
      throw new Error(`The approvals key "${key}" must name one method as "api.method" (or "api.group.method").`);
    }
    const problem = approvalRuleProblem(key, rule);
    if (problem !== undefined) throw new Error(problem);
  }
}

const applied = new WeakMap<RegisteredApi, RegisteredApi>();

/**
 * `api` with the host's rules for its methods in place of the contract's
 * own, so the bridge and the declarations see them alike; `api` itself when
 * no rule names it. Cached per registered API, so a source's list keeps its
 * identity from one request to the next (declarations are cached by contract).
 */
export function withHostApprovals(api: RegisteredApi, approvals: HostApprovals): RegisteredApi {
  const name = api.contract.name;
  const methods = Object.keys(api.contract.methods).filter((method) => Object.hasOwn(approvals, `${name}.${method}`));
  if (methods.length === 0) return api;
  const known = applied.get(api);
  if (known !== undefined) return known;
  const contract: ApiContract = {
    ...api.contract,
    methods: Object.freeze({
      ...api.contract.methods,
      ...Object.fromEntries(methods.map((method) => [method, { ...api.contract.methods[method], approval: approvals[`${name}.${method}`] }])),
    }),
  };
  const ruled = { ...api, contract };
  applied.set(api, ruled);
  return ruled;
}

/** Whether any method of these APIs has an approval rule: only then can an execution of them ask, pause or be resumed. */
export function anyApprovalRule(apis: readonly RegisteredApi[]): boolean {
  return apis.some((api) => Object.values(api.contract.methods).some((method) => method.approval !== undefined));
}
