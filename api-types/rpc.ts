import type { PendingCall } from "./approval.js";
import type { DiagnosticInfo, ExecuteRequest, ExecuteResponse } from "./execution.js";
import type { CompletionItem, HoverAnswer, PositionRequest } from "./language.js";
import type { LogEntry } from "./sandbox-protocol.js";

/**
 * The Cap'n Web interface of `/rpc`: what `connect()` (host/front/rpc/client.ts)
 * returns, typed for Node and browsers. Contracts only.
 */

export interface ApiSummary {
  name: string;
  description: string;
  methods: { name: string; description: string }[];
  /**
   * Present only for an API that is configured but cannot be offered now,
   * e.g. an imported MCP server that is down, refused the host's credential
   * or answered something other than MCP: one sentence saying why (at most
   * 300 characters, never a credential). `methods` is then empty, and code
   * cannot be granted the API until it answers again.
   */
  unavailable?: string;
}

/** One method a search matched. */
export interface ApiSearchHit {
  api: string;
  method: string;
  description: string;
}

export interface ApiSearchResult {
  /** The best matches first. */
  hits: ApiSearchHit[];
  /** How many methods matched in all, before the cut to `limit`. */
  total: number;
  /** TypeScript declarations of the matched methods only, grouped by API. */
  declarations: string;
}

/**
 * What `onApproval` answers: `true`/`false`, or `{ approve, note? }` (the
 * note reaches agent code in ApprovalDenied's message). Anything else denies.
 */
export type ApprovalAnswer = boolean | { approve: boolean; note?: string };

/** `execute()` options: the execute request without `code`, plus a live log listener and a live approver. */
export type ExecuteOptions = Omit<ExecuteRequest, "code"> & {
  /** Called with each console entry while the code runs, before the result arrives. */
  onLog?: (entry: LogEntry) => void;
  /**
   * Asked about each call that needs approval while the code waits for the
   * answer (its deadline paused, up to the host's GHOSTWIRE_APPROVAL_WAIT_MS).
   * Without it, the execution pauses there and answers ApprovalRequired with
   * `pending.approval`, a token for decide().
   */
  onApproval?: (call: PendingCall) => ApprovalAnswer | Promise<ApprovalAnswer>;
};

/** `completions()` and `hover()` options: the position in the code, and the APIs it is checked against (all when absent). */
export type LanguageOptions = Omit<PositionRequest, "code">;

export interface GhostwireService {
  listApis(): Promise<ApiSummary[]>;
  apiNames(): Promise<string[]>;
  /** Methods matching `query`, in the APIs named by `apis` or in all. */
  searchApis(query: string, limit?: number, apis?: string[]): Promise<ApiSearchResult>;
  /** TypeScript declarations of the named APIs, or of all. */
  types(apis?: string[]): Promise<string>;
  /** Type-checks without running; an empty list means the code is fine. */
  check(code: string, apis?: string[]): Promise<DiagnosticInfo[]>;
  /** What may be written at a 1-based line and column of `code`, as POST /v1/completions answers `items`. */
  completions(code: string, options: LanguageOptions): Promise<CompletionItem[]>;
  /** The signature and documentation at a 1-based line and column of `code`, as POST /v1/hover answers. */
  hover(code: string, options: LanguageOptions): Promise<HoverAnswer>;
  /** Runs `code`. The host and the client also take one object, `execute({ code, ...options })`, the shape of a POST /v1/execute body (host/front/rpc/execute-arguments.ts). */
  execute(code: string, options?: ExecuteOptions): Promise<ExecuteResponse>;
  /** Decides on a paused execution (`pending.approval` of an ApprovalRequired answer) and resumes it: answers as execute() does. */
  decide(approval: string, decision: "approve" | "deny", note?: string): Promise<ExecuteResponse>;
}

/** The main object of a `/rpc` session: present the client token (if the host requires one) to get the service. */
export interface GhostwireGate {
  connect(token?: string): GhostwireService;
}

/** One method a remote provider offers: JSON Schema for its input (an object) and, optionally, its output. */
export interface ProviderMethod {
  description: string;
  input: Record<string, unknown>;
  output?: Record<string, unknown>;
}

/** The contract a provider sends when it connects. */
export interface ProviderContract {
  name: string;
  description: string;
  methods: Record<string, ProviderMethod>;
}

/** The main object of a provider's `/rpc/provider?api=<name>` session. */
export interface ProviderGate {
  /**
   * Offers `implementation` (an RpcTarget whose methods take the validated
   * input object and return JSON) as API `contract.name` while this session
   * stays open. The session itself needs the provider token, sent on its
   * WebSocket upgrade as `Authorization: Bearer <token>`.
   */
  register(contract: ProviderContract, implementation: object): Promise<{ api: string; methods: string[] }>;
}
