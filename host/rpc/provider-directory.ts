import { DurableObject } from "cloudflare:workers";
import type { ProviderContract } from "../../api-types/rpc";

/** Most providers connected at once. */
export const MAX_PROVIDERS = 50;

/**
 * Which providers are connected, with their contracts: one object for the
 * whole host (named "directory"), so every host isolate lists the same
 * APIs. Each provider's own object adds itself when a provider registers
 * and removes itself when the connection ends. Contracts are kept in
 * storage, so the object's eviction loses nothing; they are code, not a
 * user's data.
 */
export class ProviderDirectory extends DurableObject {
  async add(contract: ProviderContract): Promise<string | null> {
    const listed = await this.ctx.storage.list({ prefix: "p:" });
    if (!listed.has(`p:${contract.name}`) && listed.size >= MAX_PROVIDERS) return `This host already has ${MAX_PROVIDERS} providers connected, its limit.`;
    await this.ctx.storage.put(`p:${contract.name}`, contract);
    return null;
  }

  async remove(name: string): Promise<void> {
    await this.ctx.storage.delete(`p:${name}`);
  }

  async list(): Promise<ProviderContract[]> {
    return [...(await this.ctx.storage.list<ProviderContract>({ prefix: "p:" })).values()];
  }
}
