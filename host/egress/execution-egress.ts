import type { EgressRecord } from "../../api-types/execution.js";
import { isPrivateHost } from "./policy/addresses.js";
import { findOverride, injectCredential } from "./policy/credentials.js";
import { matchRule, type EgressRule } from "./policy/policy.js";
import { MIN_SECRET_CHARS } from "./policy/secret-length.js";
import { refuse, type EgressRefusal, type EgressResult } from "./refusals.js";
import { EGRESS_REFUSED_HEADER } from "../../api-types/sandbox-protocol.js";
import type { Scrubber } from "./policy/scrub.js";
import { callUpstream } from "./upstream.js";

export interface EgressLimits {
  /** Most outbound requests per execution, redirect hops and refused requests included. */
  readonly maxRequests: number;
  /** Largest response body, in bytes, the gateway reads and hands back. */
  readonly maxResponseBytes: number;
  /** Deadline of one request: response and body. */
  readonly timeoutMs: number;
}

/** What a session may read on the host. Never handed to the sandbox. */
export interface EgressHostSide {
  /** A Worker secret by name, or undefined when the host has none. */
  secret(name: string): string | undefined;
  /** A service binding by name, or undefined when the host has none. */
  service(name: string): Fetcher | undefined;
  readonly scrubber: Scrubber;
  readonly limits: EgressLimits;
}

/** A fetch() bound to one execution's egress, as API implementations receive it. */
export type EgressFetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** Request headers that describe this hop, not the request, or that only the gateway may set. */
const HOP_HEADERS = /^(?:host|connection|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade|content-length|forwarded|x-forwarded-.*|x-real-ip|cf-.*|cdn-loop)$/;
/** Response headers that no longer hold once the gateway has read and scrubbed the body. */
const STALE_RESPONSE_HEADERS = ["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"];

const refused = (refusal: EgressRefusal): EgressResult => ({ refused: refusal });

/**
 * One execution's egress: its granted rules, its request budget, and the
 * list of requests it made. Every outbound request of the execution passes
 * through one path: the sandbox's fetch() (via the Egress entrypoint, as
 * `send()`) and the fetches of the API implementations it calls (through
 * `fetcherFor()`), so one piece of code applies policy, credentials, limits
 * and scrubbing to both.
 *
 * Contract: `send()` never rejects; it resolves with a response the sandbox
 * may see (scrubbed of every secret the host's rules use) or with the
 * refusal as a value. `fetcherFor()`'s fetch resolves with the same response
 * or rejects with an Error whose message is the refusal's sentence. Neither
 * ever carries anything that quotes a secret.
 */
export class ExecutionEgress {
  /** Names this session in the Egress entrypoint's props; unguessable. */
  readonly id = crypto.randomUUID();
  readonly #granted: readonly EgressRule[];
  readonly #host: EgressHostSide;
  readonly #records: EgressRecord[] = [];
  #closed = false;

  constructor(granted: readonly EgressRule[], host: EgressHostSide) {
    this.#granted = granted;
    this.#host = host;
  }

  /** The requests made so far: host, method, status and size, never bodies or headers. */
  get records(): readonly EgressRecord[] {
    return this.#records;
  }

  /** Ends the session; later requests, e.g. from code still running after a timeout, are refused. */
  close(): void {
    this.#closed = true;
  }

  /** The sandbox's door: every rule granted to the execution applies. */
  send(request: Request): Promise<EgressResult> {
    return this.#send(request, this.#granted);
  }

  /** A fetch() for an API implementation, limited to the rules its contract declares. */
  fetcherFor(ruleIds: readonly string[]): EgressFetch {
    const rules = this.#granted.filter((rule) => ruleIds.includes(rule.id));
    return (input, init) => this.#fetch(new Request(input, init), rules);
  }

  /** The one place a refusal becomes a rejection: for API implementations, whose fetch() rejects like the sandbox's. */
  async #fetch(request: Request, rules: readonly EgressRule[]): Promise<Response> {
    const result = await this.#send(request, rules);
    if (result.refused !== undefined) throw new Error(result.refused.message);
    return result.response;
  }

  async #send(request: Request, rules: readonly EgressRule[]): Promise<EgressResult> {
    if (this.#closed) return refused(refuse.ended());
    const { maxRequests } = this.#host.limits;
    if (this.#records.length >= maxRequests) return refused(refuse.requestLimit(maxRequests));
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    const record: EgressRecord = { host: url.host, method, status: null, bytes: 0 };
    this.#records.push(record);
    let result: EgressResult;
    try {
      result = await this.#forward(request, url, method, rules, record);
    } catch {
      // Whatever else went wrong is a failed request, told with a sentence that quotes no secret.
      result = refused(refuse.failed(method, url));
    }
    if (result.refused !== undefined) record.refused = result.refused.reason;
    return result;
  }

  /** Checks, sends and scrubs one request; fills in `record` as it learns the status and size. */
  async #forward(request: Request, url: URL, method: string, rules: readonly EgressRule[], record: EgressRecord): Promise<EgressResult> {
    if (url.protocol !== "https:" && url.protocol !== "http:") return refused(refuse.scheme(url));
    if (url.username !== "" || url.password !== "") return refused(refuse.userinfo(method, url));
    const match = matchRule(rules, url, method);
    if (!match.ok) {
      if (match.reason !== "origin") return refused(refuse.rule(method, url, match.reason));
      return refused(refuse.origin(method, url, [...new Set(rules.map((rule) => rule.origin))], isPrivateHost(url.hostname)));
    }
    if (request.headers.has("upgrade")) return refused(refuse.upgrade(method, url));
    const { rule } = match;

    const headers = new Headers();
    for (const [name, value] of request.headers) if (!HOP_HEADERS.test(name)) headers.append(name, value);
    const target = new URL(url);
    if (rule.credential !== undefined) {
      const override = findOverride(request.headers, url, rule.credential);
      if (override !== undefined) return refused(refuse.override(method, url, rule.id, override));
      const secret = this.#host.secret(rule.credential.secret);
      if (secret === undefined || secret === "") return refused(refuse.missingSecret(rule.id, rule.credential.secret));
      if (secret.length < MIN_SECRET_CHARS) return refused(refuse.shortSecret(rule.id, rule.credential.secret));
      injectCredential(headers, target, rule.credential, secret);
    }
    const via = rule.service === undefined ? undefined : this.#host.service(rule.service);
    if (rule.service !== undefined && via === undefined) return refused(refuse.missingService(rule.id, rule.service));

    const hasBody = method !== "GET" && method !== "HEAD";
    const upstream = new Request(target, { method, headers, body: hasBody ? request.body : null, redirect: "manual" });
    const { limits, scrubber } = this.#host;
    const result = await callUpstream(upstream, via, limits);
    if (result.kind === "timeout") return refused(refuse.timeout(method, url, limits.timeoutMs));
    if (result.kind === "failed") return refused(refuse.failed(method, url));
    record.status = result.status;
    if (result.kind === "too-large") return refused(refuse.tooLarge(method, url, limits.maxResponseBytes));

    const returned = scrubber.headers(result.headers);
    for (const name of STALE_RESPONSE_HEADERS) returned.delete(name);
    // Only the gateway's own refusals may carry the refusal mark.
    returned.delete(EGRESS_REFUSED_HEADER);
    const body = result.body === null ? null : scrubber.bytes(result.body);
    // Counted after scrubbing: the size the sandbox receives, which says nothing about a secret's length.
    record.bytes = body?.byteLength ?? 0;
    return { response: new Response(body, { status: result.status, statusText: scrubber.text(result.statusText), headers: returned }) };
  }
}
