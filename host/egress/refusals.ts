import type { EgressRecord } from "../../api-types/execution.js";
import { EGRESS_REFUSED_HEADER, EGRESS_USERINFO_REFUSAL } from "../../api-types/sandbox-protocol.js";
import { MIN_SECRET_CHARS } from "./policy/secret-length.js";

/**
 * A refused outbound request is a value, from where the gateway decides it
 * to where it must become the sandbox's rejection: the session returns it,
 * the Egress entrypoint and the runner's relay pass it on, and only two
 * places turn it into something else. `sandboxResponse` encodes it once for
 * the sandbox (its globalOutbound speaks HTTP), and the session's
 * `fetcherFor()` rejects with it for API implementations. It is never thrown
 * by the Egress entrypoint, which workerd would print on the host's console.
 *
 * Messages name the method and origin, never a path, query, header value or
 * secret.
 */

export type EgressRefusalReason = NonNullable<EgressRecord["refused"]>;

/** Why the gateway refused an outbound request, and the sentence the agent reads. */
export interface EgressRefusal {
  readonly reason: EgressRefusalReason;
  readonly message: string;
}

/** The gateway's answer to one request: a response the sandbox may see, or a refusal. */
export type EgressResult = { readonly response: Response; readonly refused?: undefined } | { readonly refused: EgressRefusal };

/**
 * The one encoding of a result for the sandbox: the response itself, or a
 * response marked with EGRESS_REFUSED_HEADER whose body is the refusal's
 * sentence. sandbox/egress-fetch.ts decodes it into a rejection.
 */
export function sandboxResponse(result: EgressResult): Response {
  if (result.refused === undefined) return result.response;
  return new Response(result.refused.message, { status: 403, headers: { [EGRESS_REFUSED_HEADER]: "1", "content-type": "text/plain; charset=utf-8" } });
}

const HOW_TO_ALLOW =
  'A deployer allows an origin by adding an egress rule to the host (createGhostwire({ egressRules })); a caller grants the rule with the execute request\'s "egress" list, or by granting an API that declares it.';

const refusal = (reason: EgressRefusalReason, message: string): EgressRefusal => ({ reason, message });

const target = (method: string, url: URL) => `${method} ${url.origin}`;

export const refuse = {
  relayUnavailable: () => refusal("denied", "Egress.relay() serves only the local runner process, and this host has none."),

  ended: () => refusal("ended", "Egress refused: this execution has ended, so its outbound requests are no longer accepted."),

  requestLimit: (max: number) =>
    refusal(
      "request-limit",
      `Egress refused: this execution has already made ${max} outbound requests (redirects included), the most it may make (GHOSTWIRE_MAX_EGRESS_REQUESTS). Make fewer, larger requests.`,
    ),

  scheme: (url: URL) => refusal("denied", `Egress denied: only http: and https: URLs go through the egress gateway, not ${url.protocol}. Use an http(s) URL.`),

  userinfo: (method: string, url: URL) => refusal("denied", `Egress denied: ${target(method, url)}: ${EGRESS_USERINFO_REFUSAL}`),

  origin: (method: string, url: URL, granted: readonly string[], local: boolean) =>
    refusal(
      "denied",
      `Egress denied: ${target(method, url)}: no egress rule granted to this execution allows ` +
        (local ? "this loopback, private or local address, and the gateway reaches those only when a rule names that exact origin. " : "that origin. ") +
        `Origins granted to this execution: ${granted.length > 0 ? granted.join(", ") : "none"}. ${HOW_TO_ALLOW}`,
    ),

  rule: (method: string, url: URL, reason: string) => refusal("denied", `Egress denied: ${target(method, url)}: ${reason}.`),

  upgrade: (method: string, url: URL) =>
    refusal("denied", `Egress denied: ${target(method, url)}: the gateway does not proxy WebSocket or other protocol upgrades. Use plain HTTP requests.`),

  override: (method: string, url: URL, ruleId: string, what: string) =>
    refusal(
      "override",
      `Egress refused: ${target(method, url)}: rule "${ruleId}" injects the credential itself, so the request may not carry its own ${what}. Remove it; the gateway adds the credential.`,
    ),

  missingSecret: (ruleId: string, name: string) =>
    refusal(
      "misconfigured",
      `Egress refused: rule "${ruleId}" injects the secret ${name}, which this host does not have. The deployer sets it with \`wrangler secret put ${name}\` (locally: a line in .dev.vars).`,
    ),

  shortSecret: (ruleId: string, name: string) =>
    refusal(
      "misconfigured",
      `Egress refused: the secret ${name} of rule "${ruleId}" is shorter than ${MIN_SECRET_CHARS} characters, too short to scrub reliably out of responses, so the gateway will not send it. The deployer must set a longer secret.`,
    ),

  missingService: (ruleId: string, name: string) =>
    refusal(
      "misconfigured",
      `Egress refused: rule "${ruleId}" routes to the service binding ${name}, which this host does not have. The deployer adds it to "services" in wrangler.jsonc.`,
    ),

  timeout: (method: string, url: URL, ms: number) =>
    refusal("timeout", `Egress refused: ${target(method, url)} did not answer within ${ms} ms (GHOSTWIRE_EGRESS_TIMEOUT_MS) and was cancelled. Retry, or ask for less.`),

  tooLarge: (method: string, url: URL, max: number) =>
    refusal(
      "too-large",
      `Egress refused: the response to ${target(method, url)} is larger than ${max} bytes (GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES) and was dropped. Ask for less, e.g. a smaller page.`,
    ),

  failed: (method: string, url: URL) =>
    refusal("failed", `Egress failed: ${target(method, url)} could not be reached; the connection failed before a response arrived. Check the URL, or retry.`),
};
