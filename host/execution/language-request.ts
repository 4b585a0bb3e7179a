import { checkRequest, positionRequest, type CheckAnswer, type CompletionsAnswer, type HoverAnswer, type PositionRequest } from "../../api-types/language.js";
import { declareCheckedApis } from "../apis/declarations.js";
import type { HostState } from "../host-state.js";
import { invalid, invalidInput } from "../refusal.js";
import type { AgentSource } from "./agent-source.js";
import { checkStep } from "./check/check-step.js";
import type { LanguageResult } from "./check/typecheck.js";
import { checkCode } from "./execute-request.js";

/**
 * The language endpoints' one entry point for every front end (HTTP and
 * Cap'n Web): `body` is untrusted and validated like an execute request
 * (its schema, then checkCode: size and nesting), the APIs are resolved like
 * a check's (unknown names refused), and the answer is computed against the
 * same declarations as the check before an execution (declareCheckedApis).
 * Every problem is thrown as a Refusal that says what to send instead.
 */

/** Refused when checking or answering cost more than one check may spend (host/execution/check/check-budget.ts). */
const budgetRefusal = (message: string) => invalid("check_budget_exceeded", message);

async function prepare(host: HostState, code: string, apis: readonly string[] | undefined): Promise<{ source: AgentSource; declarations: string }> {
  const { source } = checkCode(host.config, code);
  const contracts = await host.catalog.contracts(apis);
  return { source, declarations: declareCheckedApis(contracts) };
}

/** `POST /v1/check`: the code's type errors, at its own lines, without running it. */
export async function runCheckRequest(host: HostState, body: unknown): Promise<CheckAnswer> {
  const parsed = checkRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { source } = checkCode(host.config, parsed.data.code);
  const checked = checkStep(host.checker, source, await host.catalog.contracts(parsed.data.apis));
  if (!checked.ok) throw budgetRefusal(checked.error.message);
  return { diagnostics: checked.diagnostics };
}

/** Validates a positioned request and runs `answer` at the module offset of its position. */
async function atPosition<T>(host: HostState, body: unknown, answer: (source: AgentSource, declarations: string, offset: number) => LanguageResult<T>): Promise<T> {
  const parsed = positionRequest.safeParse(body);
  if (!parsed.success) throw invalidInput(parsed.error);
  const { code, apis, line, column }: PositionRequest = parsed.data;
  const { source, declarations } = await prepare(host, code, apis);
  const offset = source.toModule(line, column);
  if (offset === undefined) {
    throw invalid(
      "position_outside_code",
      `Line ${line}, column ${column} is outside the code: send a 1-based line of the code (not a markdown fence's) and a column from 1 to one past that line's last character.`,
    );
  }
  const answered = answer(source, declarations, offset);
  if (!answered.ok) throw budgetRefusal(answered.budgetExceeded);
  return answered.value;
}

/** `POST /v1/completions`: what may be written at the position. */
export async function runCompletionsRequest(host: HostState, body: unknown): Promise<CompletionsAnswer> {
  return { items: await atPosition(host, body, (source, declarations, offset) => host.checker.completions(source, declarations, offset)) };
}

/** `POST /v1/hover`: the signature and documentation of what is at the position. */
export async function runHoverRequest(host: HostState, body: unknown): Promise<HoverAnswer> {
  return atPosition(host, body, (source, declarations, offset) => host.checker.hover(source, declarations, offset));
}
