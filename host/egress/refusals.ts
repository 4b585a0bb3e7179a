import type { EgressRecord } from "../../api-types/execution";
import { EGRESS_REFUSED_HEADER, EGRESS_USERINFO_REFUSAL } from "../../api-types/sandbox-protocol";
import { MIN_SECRET_CHARS } from "./secret-length";

/**
 * Why the gateway refused an outbound request, and the sentence the agent
 * reads. Messages name the method and origin, never a path, query, header
 * value or secret. They reach the sandbox as refusal responses
 * (`refusalResponse`), never as errors thrown by the Egress entrypoint,
 * which workerd would print on the host's console.
 */

export type EgressRefusal = NonNullable<EgressRecord["refused"]>;

/** The response that carries a refusal back to the sandbox's fetch(), which rejects with `message`. */
export function refusalResponse(message: string): Response {
  return new Response(message, { status: 403, headers: { [EGRESS_REFUSED_HEADER]: "1", "content-type": "text/plain; charset=utf-8" } });
}

/** A refused outbound request. The gateway throws it; the sandbox's fetch() rejects with its message. */
export class EgressRefused extends Error {
  constructor(
    readonly reason: EgressRefusal,
    message: string,
  ) {
    super(message);
  }
}

const HOW_TO_ALLOW =
  'A deployer allows an origin by adding a rule to host/egress/rules.ts; a caller grants the rule with the execute request\'s "egress" list, or by granting an API that declares it.';

const target = (method: string, url: URL) => `${method} ${url.origin}`;

export const refuse = {
  ended: () => new EgressRefused("ended", "Egress refused: this execution has ended, so its outbound requests are no longer accepted."),

  requestLimit: (max: number) =>
    new EgressRefused(
      "request-limit",
      `Egress refused: this execution has already made ${max} outbound requests (redirects included), the most it may make (GHOSTWIRE_MAX_EGRESS_REQUESTS). Make fewer, larger requests.`,
    ),

  scheme: (url: URL) => new EgressRefused("denied", `Egress denied: only http: and https: URLs go through the egress gateway, not ${url.protocol}. Use an http(s) URL.`),

  userinfo: (method: string, url: URL) => new EgressRefused("denied", `Egress denied: ${target(method, url)}: ${EGRESS_USERINFO_REFUSAL}`),

  origin: (method: string, url: URL, granted: readonly string[], local: boolean) =>
    new EgressRefused(
      "denied",
      `Egress denied: ${target(method, url)}: no egress rule granted to this execution allows ` +
        (local ? "this loopback, private or local address, and the gateway reaches those only when a rule names that exact origin. " : "that origin. ") +
        `Origins granted to this execution: ${granted.length > 0 ? granted.join(", ") : "none"}. ${HOW_TO_ALLOW}`,
    ),

  rule: (method: string, url: URL, reason: string) => new EgressRefused("denied", `Egress denied: ${target(method, url)}: ${reason}.`),

  upgrade: (method: string, url: URL) =>
    new EgressRefused("denied", `Egress denied: ${target(method, url)}: the gateway does not proxy WebSocket or other protocol upgrades. Use plain HTTP requests.`),

  override: (method: string, url: URL, ruleId: string, what: string) =>
    new EgressRefused(
      "override",
      `Egress refused: ${target(method, url)}: rule "${ruleId}" injects the credential itself, so the request may not carry its own ${what}. Remove it; the gateway adds the credential.`,
    ),

  missingSecret: (ruleId: string, name: string) =>
    new EgressRefused(
      "misconfigured",
      `Egress refused: rule "${ruleId}" injects the secret ${name}, which this host does not have. The deployer sets it with \`wrangler secret put ${name}\` (locally: a line in .dev.vars).`,
    ),

  shortSecret: (ruleId: string, name: string) =>
    new EgressRefused(
      "misconfigured",
      `Egress refused: the secret ${name} of rule "${ruleId}" is shorter than ${MIN_SECRET_CHARS} characters, too short to scrub reliably out of responses, so the gateway will not send it. The deployer must set a longer secret.`,
    ),

  missingService: (ruleId: string, name: string) =>
    new EgressRefused(
      "misconfigured",
      `Egress refused: rule "${ruleId}" routes to the service binding ${name}, which this host does not have. The deployer adds it to "services" in wrangler.jsonc.`,
    ),

  timeout: (method: string, url: URL, ms: number) =>
    new EgressRefused("timeout", `Egress refused: ${target(method, url)} did not answer within ${ms} ms (GHOSTWIRE_EGRESS_TIMEOUT_MS) and was cancelled. Retry, or ask for less.`),

  tooLarge: (method: string, url: URL, max: number) =>
    new EgressRefused(
      "too-large",
      `Egress refused: the response to ${target(method, url)} is larger than ${max} bytes (GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES) and was dropped. Ask for less, e.g. a smaller page.`,
    ),

  failed: (method: string, url: URL) =>
    new EgressRefused("failed", `Egress failed: ${target(method, url)} could not be reached; the connection failed before a response arrived. Check the URL, or retry.`),
};
