/**
 * What a provider's Durable Object (./provider-host.ts) answers to a call
 * from a sandbox: the value, or the sentence of why there is none. It never
 * rejects, so the API source (./providers.ts) reads this shape alone.
 */
export type ProviderReply = { ok: true; value: unknown } | { ok: false; message: string };
