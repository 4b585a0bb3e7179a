import { z } from "zod";
import type { CaptureLimits } from "../api-types/sandbox-protocol.js";
import { mcpServersVar } from "./apis/imports/mcp/config.js";
import { describeIssues } from "./zod-issues.js";

/**
 * The host's limits. Every one has a documented default (README, "Limits")
 * and can be overridden by a Worker variable of the same name in
 * wrangler.jsonc `vars` (or `.dev.vars`). A bad value fails at startup with a
 * sentence naming the variable.
 */
const positiveInt = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const CONFIG_SCHEMA = z.object({
  /** Largest `code`, in UTF-8 bytes. */
  GHOSTWIRE_MAX_CODE_BYTES: positiveInt(64 * 1024, 1024 * 1024),
  /** Largest request body, in bytes. */
  GHOSTWIRE_MAX_BODY_BYTES: positiveInt(256 * 1024, 8 * 1024 * 1024),
  /** Most API calls one execution may make. */
  GHOSTWIRE_MAX_API_CALLS: positiveInt(1000, 100_000),
  /** Largest JSON argument of one API call, in characters. */
  GHOSTWIRE_MAX_CALL_INPUT_CHARS: positiveInt(256 * 1024, 8 * 1024 * 1024),
  /** Wall-clock deadline of one execution, in milliseconds; also its CPU limit in production (`limits.cpuMs`). A request may ask for less. */
  GHOSTWIRE_TIMEOUT_MS: positiveInt(30_000, 300_000),
  /**
   * Most CPU fuel one execution may burn: one unit per loop iteration or
   * function call (host/execution/instrument.ts). A request may ask for less.
   */
  GHOSTWIRE_MAX_FUEL: positiveInt(100_000_000, 10_000_000_000),
  /**
   * Most subrequests one sandbox may make, passed to load() as
   * `limits.subRequests`. Cloudflare enforces it in production; local workerd
   * does not. Keep it above GHOSTWIRE_MAX_API_CALLS plus the fetches you allow.
   */
  GHOSTWIRE_MAX_SUBREQUESTS: positiveInt(1100, 100_000),
  /** Most console entries kept per execution. */
  GHOSTWIRE_MAX_LOG_ENTRIES: positiveInt(200, 10_000),
  /** Longest console message kept, in characters. */
  GHOSTWIRE_MAX_LOG_MESSAGE_CHARS: positiveInt(4096, 1024 * 1024),
  /** Most console characters kept per execution. */
  GHOSTWIRE_MAX_LOG_TOTAL_CHARS: positiveInt(64 * 1024, 8 * 1024 * 1024),
  /** Largest result, in characters of JSON text; larger ones come back truncated. */
  GHOSTWIRE_MAX_RESULT_CHARS: positiveInt(1024 * 1024, 32 * 1024 * 1024),
  /** Most outbound requests one execution may make through the egress gateway, redirect hops and refused ones included. */
  GHOSTWIRE_MAX_EGRESS_REQUESTS: positiveInt(50, 1000),
  /** Largest response body the egress gateway reads and hands back, in bytes; larger ones fail the request. */
  GHOSTWIRE_MAX_EGRESS_RESPONSE_BYTES: positiveInt(4 * 1024 * 1024, 64 * 1024 * 1024),
  /** Deadline of one outbound request, response body included, in milliseconds. */
  GHOSTWIRE_EGRESS_TIMEOUT_MS: positiveInt(10_000, 120_000),
  /** Lifetime of a session, in seconds; everything in it is deleted when it ends. A request may ask for less. */
  GHOSTWIRE_SESSION_TTL_SECONDS: positiveInt(3600, 7 * 24 * 3600),
  /** Most entries one session may hold. */
  GHOSTWIRE_SESSION_MAX_KEYS: positiveInt(1000, 100_000),
  /** Largest value of one session entry, in bytes of JSON (its name included). */
  GHOSTWIRE_SESSION_MAX_VALUE_BYTES: positiveInt(64 * 1024, 1024 * 1024),
  /** Most bytes one session may store, as ciphertext. */
  GHOSTWIRE_SESSION_MAX_BYTES: positiveInt(1024 * 1024, 64 * 1024 * 1024),
  /**
   * Longest an execution waits for a person to decide on a call that needs
   * approval, in milliseconds; the execution's deadline is paused meanwhile.
   * Past it the call rejects with ApprovalTimeout. A front end that cannot
   * hold a call open this long pauses the execution instead (README, "Approvals").
   */
  GHOSTWIRE_APPROVAL_WAIT_MS: positiveInt(300_000, 24 * 3600 * 1000),
  /** Lifetime of a paused execution's approval token, in seconds; what the host kept for it is deleted when it expires. */
  GHOSTWIRE_APPROVAL_TTL_SECONDS: positiveInt(900, 7 * 24 * 3600),
  /**
   * Largest paused execution the host keeps, in bytes of JSON before sealing:
   * the code, the recorded calls and their results, and the pending call.
   * An execution that would need more fails with ApprovalUnavailable instead of pausing.
   */
  GHOSTWIRE_APPROVAL_MAX_BYTES: positiveInt(1024 * 1024, 1024 * 1024),
  /** MCP servers imported as APIs: a JSON array of { name, url, description?, credential? } (README, "Importing MCP servers"). */
  GHOSTWIRE_MCP_SERVERS: mcpServersVar,
  /**
   * A secret: when set, /rpc, /mcp, POST /v1/execute and POST /v1/sessions
   * require it (Bearer header, or connect(url, { token }) over Cap'n Web).
   * Unset, those routes refuse (503) unless GHOSTWIRE_ALLOW_ANONYMOUS is "true".
   */
  GHOSTWIRE_CLIENT_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * "true" lets a host with no GHOSTWIRE_CLIENT_TOKEN run anyone's code. Off
   * by default, so a deploy that forgot the token refuses to run code (503)
   * instead of serving the internet. The local demo host sets it.
   */
  GHOSTWIRE_ALLOW_ANONYMOUS: z
    .union([z.boolean(), z.enum(["true", "false"], 'must be "true" or "false"')])
    .transform((value) => value === true || value === "true")
    .default(false),
  /**
   * A secret: remote providers send it on their WebSocket upgrade to
   * /rpc/provider (Authorization: Bearer). Unset means providers are refused.
   */
  GHOSTWIRE_PROVIDER_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /**
   * A secret the host derives its own keys from (host/front/auth/host-secret.ts): the
   * one that authenticates session ids in session tokens, and the one that
   * pseudonymizes client addresses for the failed-attempt limiter. Unset
   * (local dev) means a random one per isolate, so session tokens do not
   * survive a restart. Set it in production, or sessions break across isolates.
   */
  GHOSTWIRE_HOST_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
});

export type HostConfig = z.output<typeof CONFIG_SCHEMA>;

/** Keys that hold secrets or deployment wiring: they come from the Worker's env alone, never from code. */
const ENV_ONLY = ["GHOSTWIRE_CLIENT_TOKEN", "GHOSTWIRE_PROVIDER_TOKEN", "GHOSTWIRE_HOST_SECRET", "GHOSTWIRE_MCP_SERVERS"] as const;

/**
 * Defaults a Worker passes to createGhostwire({ config }): any limit of the
 * README's table, as a number (or a boolean for GHOSTWIRE_ALLOW_ANONYMOUS).
 * A Worker variable of the same name overrides it, so a deployer can tune a
 * limit without a code change. Secrets are not accepted here.
 */
export type GhostwireConfig = {
  readonly [K in Exclude<keyof HostConfig, (typeof ENV_ONLY)[number]>]?: z.input<(typeof CONFIG_SCHEMA)["shape"][K]>;
};

/** Parsed configs by env object, then by defaults: a Worker's env is one object per isolate. */
const parsedConfigs = new WeakMap<object, WeakMap<GhostwireConfig, HostConfig>>();
const NO_DEFAULTS: GhostwireConfig = Object.freeze({});

/**
 * Parses the config once per env object: the GHOSTWIRE_ variables of `env`
 * over `defaults`. A bad value throws a sentence that names the key.
 */
export function loadConfig(env: object, defaults: GhostwireConfig = NO_DEFAULTS): HostConfig {
  const byDefaults = parsedConfigs.get(env) ?? new WeakMap<GhostwireConfig, HostConfig>();
  parsedConfigs.set(env, byDefaults);
  const known = byDefaults.get(defaults);
  if (known !== undefined) return known;
  const secretInCode = ENV_ONLY.find((key) => Object.hasOwn(defaults, key));
  if (secretInCode !== undefined) {
    throw new Error(`Invalid configuration: ${secretInCode} is not accepted in createGhostwire({ config }); set it as a Worker secret (wrangler secret put ${secretInCode}).`);
  }
  const values = { ...defaults, ...Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith("GHOSTWIRE_"))) };
  const parsed = CONFIG_SCHEMA.strict().safeParse(values);
  if (!parsed.success) {
    const problem = describeIssues(parsed.error.issues, { firstSegment: true, root: "?" });
    throw new Error(`Invalid configuration: ${problem}. Fix or remove it in createGhostwire({ config }), wrangler.jsonc vars or .dev.vars.`);
  }
  byDefaults.set(defaults, parsed.data);
  return parsed.data;
}

/** What one execution's sandbox may capture and encode, from the config; the bridge holds streamed entries to the same limits. */
export function captureLimits(config: HostConfig): CaptureLimits {
  return {
    maxLogEntries: config.GHOSTWIRE_MAX_LOG_ENTRIES,
    maxLogMessageChars: config.GHOSTWIRE_MAX_LOG_MESSAGE_CHARS,
    maxLogTotalChars: config.GHOSTWIRE_MAX_LOG_TOTAL_CHARS,
    maxResultChars: config.GHOSTWIRE_MAX_RESULT_CHARS,
    maxCallInputChars: config.GHOSTWIRE_MAX_CALL_INPUT_CHARS,
  };
}
