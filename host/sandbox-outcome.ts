import { z } from "zod";
import type { SandboxOutcome } from "../api-types/sandbox-protocol";

const logs = z.object({
  entries: z.array(z.object({ level: z.enum(["log", "info", "warn", "error", "debug"]), message: z.string() })),
  dropped: z.number().int().min(0),
  truncated: z.boolean(),
});

const fuelUsed = z.number().int().min(0);

const OUTCOME = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), resultJson: z.string().optional(), resultTruncated: z.boolean(), logs, fuelUsed }),
  z.object({ ok: z.literal(false), error: z.object({ name: z.string(), message: z.string(), stack: z.string().optional() }), logs, fuelUsed }),
]);

/**
 * Validates what an isolate answered. The sandbox runs hostile code, so its
 * answer is untrusted input: anything that does not match the protocol is
 * refused as a whole. Returns undefined for a malformed outcome.
 */
export function parseSandboxOutcome(raw: unknown): SandboxOutcome | undefined {
  const parsed = OUTCOME.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
