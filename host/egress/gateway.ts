import type { ApiContract } from "../../api-types/define.js";
import { invalid } from "../refusal.js";
import type { EgressRule, EgressRules } from "./policy/policy.js";
import { createScrubber, type Scrubber } from "./policy/scrub.js";
import { ExecutionEgress, type EgressLimits } from "./execution-egress.js";
import { registerSession, unregisterSession } from "./open-egress.js";

/** What GET /v1/egress shows of a rule: never the secret's value or name. */
export interface EgressRuleInfo {
  id: string;
  description: string;
  origin: string;
  pathPrefix?: string;
  methods: string[];
  /** Where the gateway puts the credential it injects, when it injects one. */
  credential?: "header" | "query";
}

/**
 * The host's egress: its rules, resolved once against its env. It opens one
 * session per execution and resolves which rules an execution is granted.
 */
export interface EgressGateway {
  /**
   * The rule ids granted to an execution: those the granted APIs declare,
   * plus those the caller asked for. Throws an `invalid` Refusal naming the valid
   * ids when `requested` names an unknown rule.
   */
  grant(apis: readonly ApiContract[], requested?: readonly string[]): string[];
  /** Opens the session of one execution; the caller must `close()` it once the execution is over. */
  open(grant: readonly string[]): ExecutionEgress;
  close(session: ExecutionEgress): void;
  describe(): EgressRuleInfo[];
}

/**
 * Builds the gateway over `rules`, reading secrets and service bindings from
 * `env`. That every rule an API declares exists is checked before, when the
 * Worker's module loads (host/ghostwire-options.ts).
 */
export function createEgressGateway(env: object, rules: EgressRules, limits: EgressLimits): EgressGateway {
  const values = env as Record<string, unknown>;
  const secret = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const service = (name: string) => {
    const binding = values[name] as Partial<Fetcher> | undefined;
    return typeof binding?.fetch === "function" ? (binding as Fetcher) : undefined;
  };
  let scrubber: Scrubber | undefined;
  const scrubberForAll = () => {
    // Every secret any rule uses, not only the granted ones: what the gateway
    // hands back must be clean of all of them.
    scrubber ??= createScrubber([...rules.values()].flatMap((rule) => (rule.credential === undefined ? [] : (secret(rule.credential.secret) ?? []))));
    return scrubber;
  };

  return {
    grant(apis, requested = []) {
      const unknown = requested.filter((id) => !rules.has(id));
      if (unknown.length > 0) {
        const valid = [...rules.keys()].join(", ") || "none";
        throw invalid("unknown_egress_rule", `Unknown egress rule ${unknown.map((id) => `"${id}"`).join(", ")}. Valid rules: ${valid}.`);
      }
      return [...new Set([...apis.flatMap((api) => api.egress ?? []), ...requested])].sort();
    },
    open(grant) {
      const granted = grant.map((id) => rules.get(id)).filter((rule): rule is EgressRule => rule !== undefined);
      const session = new ExecutionEgress(granted, { secret, service, scrubber: scrubberForAll(), limits });
      registerSession(session);
      return session;
    },
    close: unregisterSession,
    describe: () =>
      [...rules.values()].map((rule) => ({
        id: rule.id,
        description: rule.description,
        origin: rule.origin,
        ...(rule.pathPrefix === undefined ? {} : { pathPrefix: rule.pathPrefix }),
        methods: [...rule.methods],
        ...(rule.credential === undefined ? {} : { credential: "header" in rule.credential ? ("header" as const) : ("query" as const) }),
      })),
  };
}
