import type { ApiContract } from "../../../api-types/define.js";
import type { ExecutionError } from "../../../api-types/execution.js";
import type { AgentSource } from "../agent-source.js";
import { declareCheckedApis } from "../../apis/declarations.js";
import type { Diagnostic } from "./diagnostics.js";
import type { TypeChecker } from "./typecheck.js";

/**
 * What the check step found: the code's type errors (none when it checks
 * clean), or `error`, named CheckBudgetExceeded, when checking it cost more
 * than one check may spend (host/execution/check/check-budget.ts).
 */
export type CheckStepResult =
  | { readonly ok: true; readonly diagnostics: Diagnostic[] }
  | { readonly ok: false; readonly error: ExecutionError };

/**
 * The pipeline's check step: type-checks the agent's `source` against the
 * declarations of the APIs it may call, `contracts`, old method names
 * included (declareCheckedApis). The one step both
 * `execute` (host/execution/executor.ts) and Cap'n Web's `check()` (host/front/rpc/service.ts)
 * run; each front end words what it found its own way. Never throws.
 */
export function checkStep(checker: TypeChecker, source: AgentSource, contracts: readonly ApiContract[]): CheckStepResult {
  const checked = checker.check(source, declareCheckedApis(contracts));
  if (!checked.ok) return { ok: false, error: { name: "CheckBudgetExceeded", message: checked.budgetExceeded } };
  return { ok: true, diagnostics: checked.diagnostics };
}
