import { RpcTarget } from "cloudflare:workers";
import { z } from "zod";
import type { ApiSearchResult, ApiSummary, ExecuteOptions } from "../../../api-types/rpc.js";
import type { CompletionItem, HoverAnswer } from "../../../api-types/language.js";
import type { DiagnosticInfo, ExecuteResponse } from "../../../api-types/execution.js";
import type { LogEntry } from "../../../api-types/sandbox-protocol.js";
import { MAX_SEARCH_RESULTS, searchApis } from "../../apis/search.js";
import { checkStep } from "../../execution/check/check-step.js";
import { declareApis } from "../../apis/declarations.js";
import { declarationLimits } from "../../apis/declaration-header.js";
import { executeArguments } from "./execute-arguments.js";
import { checkCode, runExecuteRequest } from "../../execution/execute-request.js";
import { runCompletionsRequest, runHoverRequest } from "../../execution/language-request.js";
import type { HostState } from "../../host-state.js";
import { Refusal } from "../../refusal.js";
import { describeIssues } from "../../zod-issues.js";
import type { ApprovalChannel, ApprovalDecision } from "../../approvals/approval-channel.js";
import { resumeApproval } from "../../approvals/resume.js";

const apiList = z.array(z.string().min(1).max(64)).max(64).optional();
const query = z.string().max(200);
const limit = z.number().int().min(1).max(MAX_SEARCH_RESULTS).optional();
const code = z.string().min(1, "code must not be empty");

/** Parses one argument; a bad one is an Error whose message says which argument and why. */
function arg<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new TypeError(`Invalid ${describeIssues(parsed.error.issues, { under: name })}.`);
}

/** An options argument as an object to spread into a request body; anything else adds nothing, and the body's schema names what is missing. */
function optionsObject(options: unknown): object {
  return typeof options === "object" && options !== null ? options : {};
}

/**
 * Runs `work`, turning a Refusal into a rejection with the same sentence and
 * the refusal's stable `code` (e.g. "unknown_api") as `error.code`, which
 * Cap'n Web carries to the client: the one place Cap'n Web maps refusals.
 */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Refusal) throw Object.assign(new Error(error.message), { code: error.code });
    throw error;
  }
}

/**
 * What a `/rpc` client holds once connected: the same operations as the
 * HTTP API, through the same entry points. Every argument is validated
 * here; `execute` options go through `executeRequest` like an HTTP body.
 * `onLog`, the one stub a client may pass, is called fire-and-forget with
 * each console entry, so a slow or failing listener never holds the code up.
 */
export class GhostwireRpcService extends RpcTarget {
  readonly #host: HostState;

  constructor(host: HostState) {
    super();
    this.#host = host;
  }

  async listApis(): Promise<ApiSummary[]> {
    return this.#host.catalog.summaries();
  }

  async apiNames(): Promise<string[]> {
    return (await this.#host.catalog.current()).names();
  }

  /** `apis` narrows the search to those APIs (names it does not know match nothing); without it, every API is searched. */
  async searchApis(q: unknown, max?: unknown, apis?: unknown): Promise<ApiSearchResult> {
    const names = arg(apiList, apis, "apis");
    const all = (await this.#host.catalog.current()).list();
    const searched = names === undefined ? all : all.filter((api) => names.includes(api.contract.name));
    return searchApis(searched, arg(query, q, "query"), arg(limit, max, "limit"), declarationLimits(this.#host.config));
  }

  async types(apis?: unknown): Promise<string> {
    const names = arg(apiList, apis, "apis");
    return refusing(async () => declareApis(await this.#host.catalog.contracts(names), declarationLimits(this.#host.config)));
  }

  async check(source: unknown, apis?: unknown): Promise<DiagnosticInfo[]> {
    const text = arg(code, source, "code");
    const names = arg(apiList, apis, "apis");
    return refusing(async () => {
      const parsed = checkCode(this.#host.config, text);
      const checked = checkStep(this.#host.checker, parsed.source, await this.#host.catalog.contracts(names));
      if (!checked.ok) throw Object.assign(new Error(checked.error.message), { name: checked.error.name });
      return checked.diagnostics;
    });
  }

  /** `options`: `{ apis?, line, column }`, validated like a POST /v1/completions body. */
  async completions(source: unknown, options?: unknown): Promise<CompletionItem[]> {
    return refusing(async () => (await runCompletionsRequest(this.#host, { ...optionsObject(options), code: source })).items);
  }

  /** `options`: `{ apis?, line, column }`, validated like a POST /v1/hover body. */
  async hover(source: unknown, options?: unknown): Promise<HoverAnswer> {
    return refusing(() => runHoverRequest(this.#host, { ...optionsObject(options), code: source }));
  }

  /** `execute(code, options?)`, or `execute({ code, ...options })` (host/front/rpc/execute-arguments.ts). */
  async execute(first: unknown, second?: unknown): Promise<ExecuteResponse> {
    const [source, options] = executeArguments(first, second);
    const { onLog, onApproval, ...rest } = optionsObject(options) as ExecuteOptions;
    if (onLog !== undefined && typeof onLog !== "function") throw new TypeError("Invalid options.onLog: pass a function, or leave it out.");
    if (onApproval !== undefined && typeof onApproval !== "function") throw new TypeError("Invalid options.onApproval: pass a function, or leave it out.");
    const listener = onLog === undefined ? undefined : (entry: LogEntry) => void Promise.resolve(onLog(entry)).catch(() => undefined);
    const approvals = onApproval === undefined ? undefined : approvalChannel(onApproval);
    return refusing(() => runExecuteRequest(this.#host, { ...rest, code: source }, { onLog: listener, approvals }));
  }

  /** Decides on a paused execution (`pending.approval`) and resumes it, as POST /v1/approvals/<token> does. */
  async decide(approval: unknown, decision: unknown, note?: unknown): Promise<ExecuteResponse> {
    return refusing(() => resumeApproval(this.#host, approval, { decision, note }, RPC_APPROVER));
  }
}

/** Who decides over Cap'n Web, as ApprovalDenied names them. */
const RPC_APPROVER = "the Cap'n Web client";

/**
 * A client's onApproval as the host's ApprovalChannel. A WebSocket session
 * holds a call open as long as the host waits, so it never needs a pause.
 * The answer is untrusted: `true`, `false` or `{ approve: boolean, note? }`;
 * anything else denies, saying so.
 */
function approvalChannel(onApproval: NonNullable<ExecuteOptions["onApproval"]>): ApprovalChannel {
  return {
    by: RPC_APPROVER,
    maxWaitMs: Number.MAX_SAFE_INTEGER,
    async ask(request): Promise<ApprovalDecision> {
      const answer: unknown = await onApproval({ ...request });
      if (typeof answer === "boolean") return { approve: answer };
      const { approve, note } = (typeof answer === "object" && answer !== null ? answer : {}) as { approve?: unknown; note?: unknown };
      if (typeof approve !== "boolean") return { approve: false, note: "onApproval answered something other than true, false or { approve, note }" };
      return typeof note === "string" ? { approve, note } : { approve };
    },
  };
}
