import { z } from "zod";
import { describeIssues } from "../../zod-issues.js";

/**
 * What an egress rule is, and which rule (if any) allows a request.
 *
 * A rule names one origin (scheme, host and port), an optional path prefix,
 * the methods it allows, and optionally a credential the gateway injects. The
 * deployer's rules are passed to createGhostwire({ egressRules }); this module
 * only checks and matches them.
 */

/** The methods a rule may allow. CONNECT and TRACE are never proxied. */
export const EGRESS_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
export type EgressMethod = (typeof EGRESS_METHODS)[number];

const secretName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,63}$/, "must be the name of a Worker secret in SCREAMING_CASE, e.g. WEATHER_API_TOKEN");

const credentialSchema = z.union([
  z.strictObject({
    /** Header the gateway sets, e.g. "Authorization". */
    header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be an HTTP header name"),
    /** The header's value; `{secret}` stands for the secret, e.g. "Bearer {secret}". */
    template: z.string().includes("{secret}", { message: 'must contain "{secret}"' }),
    secret: secretName,
  }),
  z.strictObject({
    /** Query parameter the gateway sets, e.g. "api_key". */
    query: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, "must be a plain query parameter name"),
    secret: secretName,
  }),
]);

const originSchema = z.string().refine(
  (value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.origin === value;
  },
  { message: 'must be exactly an http(s) origin: scheme, host and optional port, with no path or trailing slash, e.g. "https://api.example.com"' },
);

const ruleSchema = z.strictObject({
  /** One line for people and agents: what this rule is for. */
  description: z.string().min(1).max(300),
  origin: originSchema,
  /** Only paths under this prefix; it must start and end with "/". */
  pathPrefix: z.string().regex(/^\/(?:[A-Za-z0-9._~!$&'()*+,;=:@-]+\/)*$/, 'must start and end with "/" and hold only plain path characters, e.g. "/v1/"').optional(),
  methods: z.array(z.enum(EGRESS_METHODS)).min(1),
  credential: credentialSchema.optional(),
  /**
   * The name of a service binding (wrangler.jsonc `services`) that serves this
   * origin instead of the network, e.g. a Worker of your own.
   */
  service: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "must be the name of a service binding in wrangler.jsonc").optional(),
});

export type EgressRuleInput = z.input<typeof ruleSchema>;
export type EgressCredential = z.output<typeof credentialSchema>;
export interface EgressRule extends z.output<typeof ruleSchema> {
  readonly id: string;
}
export type EgressRules = ReadonlyMap<string, EgressRule>;

const RULE_ID = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * Checks the deployer's rules. Throws at module load, with a sentence naming
 * the rule and the field, when one is malformed.
 */
export function defineEgressRules(rules: Record<string, EgressRuleInput>): EgressRules {
  const checked = new Map<string, EgressRule>();
  for (const [id, input] of Object.entries(rules)) {
    if (!RULE_ID.test(id)) throw new Error(`Invalid egress rule id "${id}": use lowercase letters, digits and "-". Fix it where defineEgressRules is called.`);
    const parsed = ruleSchema.safeParse(input);
    if (!parsed.success) throw new Error(`Invalid egress rule "${id}": ${describeIssues(parsed.error.issues, { root: "(rule)" })}. Fix it where defineEgressRules is called.`);
    checked.set(id, Object.freeze({ id, ...parsed.data }));
  }
  return checked;
}

/** Why no rule allows a request, in words the agent reads; or the rule that does. */
export type RuleMatch = { ok: true; rule: EgressRule } | { ok: false; reason: string };

/** Percent-escapes that could walk out of a path prefix once an upstream decodes them. */
const ENCODED_SEPARATOR = /%(?:2f|5c|2e)/i;

/**
 * Finds the granted rule that allows `method` on `url`. Origins are compared
 * exactly, after URL parsing has normalized case, default ports and IPv4
 * spellings, so "127.1" or "LOCALHOST" can never match a rule for a
 * different spelling. Paths are matched after dot segments are resolved.
 */
export function matchRule(granted: readonly EgressRule[], url: URL, method: string): RuleMatch {
  const sameOrigin = granted.filter((rule) => rule.origin === url.origin);
  if (sameOrigin.length === 0) return { ok: false, reason: "origin" };
  const reasons: string[] = [];
  for (const rule of sameOrigin) {
    if (!(rule.methods as readonly string[]).includes(method)) {
      reasons.push(`rule "${rule.id}" allows ${rule.methods.join(", ")}, not ${method}`);
      continue;
    }
    if (rule.pathPrefix !== undefined) {
      if (!url.pathname.startsWith(rule.pathPrefix)) {
        reasons.push(`rule "${rule.id}" allows only paths under ${rule.pathPrefix}, and this path is outside it`);
        continue;
      }
      if (ENCODED_SEPARATOR.test(url.pathname)) {
        reasons.push(`rule "${rule.id}" limits paths to ${rule.pathPrefix}, so the path may not hold an encoded slash, backslash or dot (%2F, %5C, %2E); send it unencoded`);
        continue;
      }
    }
    return { ok: true, rule };
  }
  return { ok: false, reason: reasons.join("; ") };
}
