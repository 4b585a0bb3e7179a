import type { DiagnosticInfo } from "../../../../api-types/execution.js";
import type { CompletionItem, HoverAnswer } from "../../../../api-types/language.js";
import type { ApiSummary } from "../../../../api-types/rpc.js";
import type { CreatedSession } from "../../../../api-types/session.js";

/**
 * The playground's HTTP calls to the host that served it (same origin, so
 * the CSP's connect-src 'self' covers them). Each sends the client token
 * as `Authorization: Bearer`, as the routes expect, when one is set. A
 * refused call rejects with the host's own sentence (its `error.message`),
 * which the page shows as it is.
 */
export interface HostApi {
  apis(): Promise<ApiSummary[]>;
  types(apis: readonly string[]): Promise<string>;
  check(code: string, apis: readonly string[] | undefined, signal?: AbortSignal): Promise<DiagnosticInfo[]>;
  completions(code: string, apis: readonly string[] | undefined, at: Position, signal?: AbortSignal): Promise<CompletionItem[]>;
  hover(code: string, apis: readonly string[] | undefined, at: Position, signal?: AbortSignal): Promise<HoverAnswer>;
  createSession(): Promise<CreatedSession>;
  /** Burns the session: its state is deleted and the token refused from then on. */
  burnSession(session: string): Promise<void>;
}

/** A 1-based line and column (UTF-16 code units), as the language endpoints take them. */
export interface Position {
  line: number;
  column: number;
}

/** The host's refusal sentence from an error body, or a sentence of our own when the body is not one. */
async function refusalMessage(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => undefined);
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return typeof message === "string" ? message : `The host answered HTTP ${response.status} to ${new URL(response.url).pathname}.`;
}

export function createHostApi(token: () => string): HostApi {
  const request = async (method: string, path: string, options: { body?: unknown; bearer?: string; signal?: AbortSignal } = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    const bearer = options.bearer ?? token();
    if (bearer !== "") headers.authorization = `Bearer ${bearer}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: options.signal });
    if (!response.ok) throw new Error(await refusalMessage(response));
    return response;
  };
  const post = async <T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> => (await request("POST", path, { body, signal })).json() as Promise<T>;
  return {
    apis: async () => ((await (await request("GET", "/v1/apis")).json()) as { apis: ApiSummary[] }).apis,
    types: async (apis) => (await request("GET", `/v1/types?apis=${encodeURIComponent(apis.join(","))}`)).text(),
    check: async (code, apis, signal) => (await post<{ diagnostics: DiagnosticInfo[] }>("/v1/check", { code, apis }, signal)).diagnostics,
    completions: async (code, apis, at, signal) => (await post<{ items: CompletionItem[] }>("/v1/completions", { code, apis, ...at }, signal)).items,
    hover: (code, apis, at, signal) => post<HoverAnswer>("/v1/hover", { code, apis, ...at }, signal),
    createSession: () => post<CreatedSession>("/v1/sessions", {}),
    burnSession: async (session) => {
      await request("DELETE", "/v1/sessions", { bearer: session });
    },
  };
}
