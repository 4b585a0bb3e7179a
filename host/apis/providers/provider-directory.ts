import { DurableObject } from "cloudflare:workers";
import type { ProviderContract } from "../../../api-types/rpc.js";

/** Most providers connected at once. */
export const MAX_PROVIDERS = 50;
/** How often a connected provider's object renews its listing. */
export const PROVIDER_LEASE_RENEW_MS = 10_000;
/** A listing not renewed for this long is dropped: its provider's object is gone. */
const LEASE_MS = 3 * PROVIDER_LEASE_RENEW_MS;

/**
 * Which providers are connected, with their contracts: one object for the
 * whole host (named "directory"), so every host isolate lists the same APIs.
 * It stores nothing: each listing is a lease in memory, which the provider's
 * own object renews while its connection lives and removes when it ends. A
 * provider whose process or object died without a goodbye drops out once its
 * lease runs out, and if this object is evicted, the next renewals rebuild
 * the listing. Storage would outlive every connection (and, locally, every
 * restart), listing APIs nobody serves.
 */
export class ProviderDirectory extends DurableObject {
  readonly #leases = new Map<string, { contract: ProviderContract; until: number }>();

  #live(): Map<string, { contract: ProviderContract; until: number }> {
    const now = Date.now();
    for (const [name, lease] of this.#leases) if (lease.until <= now) this.#leases.delete(name);
    return this.#leases;
  }

  /** Adds or renews a listing; the sentence to show the provider when the host is full. */
  add(contract: ProviderContract): string | null {
    const leases = this.#live();
    if (!leases.has(contract.name) && leases.size >= MAX_PROVIDERS) return `This host already has ${MAX_PROVIDERS} providers connected, its limit.`;
    leases.set(contract.name, { contract, until: Date.now() + LEASE_MS });
    return null;
  }

  remove(name: string): void {
    this.#leases.delete(name);
  }

  list(): ProviderContract[] {
    return [...this.#live().values()].map((lease) => lease.contract);
  }
}
