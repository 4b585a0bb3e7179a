/**
 * Secrets shorter than this cannot be scrubbed reliably out of responses.
 * A leaf module, so the refusal sentences (./refusals.ts) and the relay that
 * the runner bundles need not pull in the policy and zod.
 */
export const MIN_SECRET_CHARS = 12;
