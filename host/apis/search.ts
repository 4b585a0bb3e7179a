import type { ApiContract } from "../../api-types/define.js";
import type { ApiSearchHit, ApiSearchResult } from "../../api-types/rpc.js";
import { declareApis } from "./declarations.js";
import type { RegisteredApi } from "./registry.js";

/** Most methods one search returns; the agent narrows its query for more. */
export const MAX_SEARCH_RESULTS = 50;

function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * How well one method matches the query terms: a term found in the method's
 * name counts most, then the API's name, then the descriptions. Zero when
 * some term is found nowhere: every term must match.
 */
function score(terms: readonly string[], api: ApiContract, method: string): number {
  const methodName = words(method);
  const apiName = words(api.name);
  const text = words(`${api.methods[method].description} ${api.description}`);
  let total = 0;
  for (const term of terms) {
    const found = (list: string[]) => list.some((word) => word.startsWith(term));
    const points = found(methodName) ? 4 : found(apiName) ? 3 : found(text) ? 1 : 0;
    if (points === 0) return 0;
    total += points;
  }
  return total;
}

/**
 * Finds methods by keywords in names and descriptions (case-insensitive,
 * camelCase split, prefix match, every term must match), and declares just
 * those. An empty query matches every method. The answer stays small however
 * many APIs are registered: at most `limit` methods.
 */
export function searchApis(apis: readonly RegisteredApi[], query: string, limit = MAX_SEARCH_RESULTS): ApiSearchResult {
  const terms = words(query);
  const scored: { hit: ApiSearchHit; points: number }[] = [];
  for (const { contract } of apis) {
    for (const method of Object.keys(contract.methods)) {
      const points = terms.length === 0 ? 1 : score(terms, contract, method);
      if (points > 0) scored.push({ hit: { api: contract.name, method, description: contract.methods[method].description }, points });
    }
  }
  scored.sort((a, b) => b.points - a.points || a.hit.api.localeCompare(b.hit.api) || a.hit.method.localeCompare(b.hit.method));
  const hits = scored.slice(0, Math.max(0, Math.min(limit, MAX_SEARCH_RESULTS))).map(({ hit }) => hit);
  const picked = new Map<string, Set<string>>();
  for (const hit of hits) (picked.get(hit.api) ?? picked.set(hit.api, new Set()).get(hit.api)!).add(hit.method);
  const contracts = apis
    .filter(({ contract }) => picked.has(contract.name))
    .map(({ contract }): ApiContract => {
      const methods = Object.fromEntries(Object.entries(contract.methods).filter(([name]) => picked.get(contract.name)!.has(name)));
      return { ...contract, methods };
    });
  return { hits, total: scored.length, declarations: contracts.length === 0 ? "" : declareApis(contracts) };
}
