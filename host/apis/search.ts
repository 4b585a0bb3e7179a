import type { ApiContract } from "../../api-types/define.js";
import type { ApiSearchHit, ApiSearchResult } from "../../api-types/rpc.js";
import { declareSelection, MAX_ANSWER_DECLARATION_CHARS } from "./declarations.js";
import type { DeclarationLimits } from "./declaration-header.js";
import type { RegisteredApi } from "./registry.js";
import { queryTerms, stemsOf } from "./search-terms.js";

/** Most methods one search returns; the agent narrows its query for more. */
export const MAX_SEARCH_RESULTS = 50;
/** Longest query read, in characters; the rest is ignored. */
export const MAX_QUERY_CHARS = 500;
/** Most distinct terms of a query that count; later ones are ignored. */
export const MAX_QUERY_TERMS = 16;
/** Most distinct words of one description that search reads, so a long description costs no more than this. */
export const MAX_DESCRIPTION_TERMS = 200;
/**
 * A method scoring less than this share of the best match is left out: next
 * to a method that matches the whole query, one that matches a common word
 * only is noise.
 */
export const MIN_SHARE_OF_BEST = 0.25;
/**
 * How much a method whose name the query covers whole gains over one whose
 * name the query only touches: "get a repository" prefers repos_get to
 * actions_get_allowed_actions_repository, whose name is mostly other words.
 */
const NAME_COVERAGE_WEIGHT = 0.5;

/** What a term is worth where it is found: the method's name counts most, the API's description least. */
const WEIGHTS = { name: 4, api: 3, tags: 2, description: 1, apiDescription: 0.5 } as const;
/** A term that only begins a word, or a word that only begins the term (repo, repository), counts this share. */
const PREFIX_SHARE = 0.5;
/** The shorter side of a prefix match has at least this many characters. */
const MIN_PREFIX_CHARS = 4;

type Field = keyof typeof WEIGHTS;
type MethodIndex = Readonly<Record<Field, readonly string[]>>;

/** Each API's stems, computed once per registered API object. */
const indexes = new WeakMap<RegisteredApi, ReadonlyMap<string, MethodIndex>>();

function indexOf(registered: RegisteredApi): ReadonlyMap<string, MethodIndex> {
  const known = indexes.get(registered);
  if (known !== undefined) return known;
  const { contract, tags } = registered;
  const api = stemsOf(contract.name);
  const apiDescription = stemsOf(contract.description, MAX_DESCRIPTION_TERMS);
  const index = new Map<string, MethodIndex>();
  for (const [method, { description }] of Object.entries(contract.methods)) {
    const methodTags = tags !== undefined && Object.hasOwn(tags, method) ? tags[method] : [];
    index.set(method, { name: stemsOf(method), api, tags: stemsOf(methodTags.join(" ")), description: stemsOf(description, MAX_DESCRIPTION_TERMS), apiDescription });
  }
  indexes.set(registered, index);
  return index;
}

/** 1 when `stems` holds the term, PREFIX_SHARE when one begins the other, else 0. */
function matchIn(term: string, stems: readonly string[]): number {
  let best = 0;
  for (const word of stems) {
    if (word === term) return 1;
    const [short, long] = word.length < term.length ? [word, term] : [term, word];
    if (short.length >= MIN_PREFIX_CHARS && long.startsWith(short)) best = PREFIX_SHARE;
  }
  return best;
}

interface Candidate {
  readonly hit: ApiSearchHit;
  /** Per query term: its best weight in this method, 0 when not found. */
  readonly weights: readonly number[];
  /** How many terms the method's own name matches. */
  readonly nameHits: number;
  /** The share of the method's own name words that some term matches. */
  readonly nameCoverage: number;
  readonly matched: number;
  /** The score before the name-coverage gain: what the cut-off against the best compares. */
  base: number;
  score: number;
}

function candidateOf(terms: readonly string[], api: string, method: string, description: string, index: MethodIndex): Candidate | undefined {
  const weights: number[] = [];
  let nameHits = 0;
  let matched = 0;
  for (const term of terms) {
    let best = 0;
    for (const field of Object.keys(WEIGHTS) as Field[]) best = Math.max(best, WEIGHTS[field] * matchIn(term, index[field]));
    if (matchIn(term, index.name) > 0) nameHits++;
    if (best > 0) matched++;
    weights.push(best);
  }
  if (matched === 0) return undefined;
  const covered = index.name.filter((word) => terms.some((term) => matchIn(term, [word]) > 0)).length;
  const nameCoverage = index.name.length === 0 ? 0 : covered / index.name.length;
  return { hit: { api, method, description }, weights, nameHits, nameCoverage, matched, base: 0, score: 0 };
}

/**
 * Ranks methods against the query terms. A term's weight where it is found
 * is scaled by how rare it is among the methods searched (a word every
 * method has says little), summed over terms, and scaled by the share of
 * terms matched, so partial matches still rank, below fuller ones, and
 * raised for a method whose name the terms cover whole. Ties go to more terms in the method's name, then more terms
 * matched, then the shorter name, then alphabetical order: the result is
 * deterministic. Cost: one pass over methods × terms × indexed words.
 */
function rank(apis: readonly RegisteredApi[], terms: readonly string[]): Candidate[] {
  const candidates: Candidate[] = [];
  let methods = 0;
  for (const registered of apis) {
    const { contract } = registered;
    for (const [method, index] of indexOf(registered)) {
      methods++;
      const found = candidateOf(terms, contract.name, method, contract.methods[method].description, index);
      if (found !== undefined) candidates.push(found);
    }
  }
  const rarity = terms.map((_, i) => Math.log(1 + methods / Math.max(1, candidates.filter((c) => c.weights[i] > 0).length)));
  for (const candidate of candidates) {
    const sum = candidate.weights.reduce((total, weight, i) => total + weight * rarity[i], 0);
    candidate.base = (sum * candidate.matched) / terms.length;
    candidate.score = candidate.base * (1 + NAME_COVERAGE_WEIGHT * candidate.nameCoverage);
  }
  const best = Math.max(0, ...candidates.map((c) => c.base));
  return candidates
    .filter((c) => c.base >= best * MIN_SHARE_OF_BEST)
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.nameHits - a.nameHits ||
        b.matched - a.matched ||
        a.hit.api.length + a.hit.method.length - (b.hit.api.length + b.hit.method.length) ||
        a.hit.api.localeCompare(b.hit.api) ||
        a.hit.method.localeCompare(b.hit.method),
    );
}

/**
 * Finds methods by keywords, ranked: terms are matched as stems (plurals and
 * simple endings removed) against the API's and the method's names (camelCase
 * and snake_case split), the method's tags and descriptions, and the API's
 * description. A method need not match every term: the best partial matches
 * still come back. Declares just the methods found. An empty query matches
 * every method, in the registry's order. The answer stays small however many
 * APIs are registered: at most `limit` methods. The declarations' header
 * states `hostLimits`, the host's (declarationLimits(config)).
 */
export function searchApis(apis: readonly RegisteredApi[], query: string, limit = MAX_SEARCH_RESULTS, hostLimits?: DeclarationLimits): ApiSearchResult {
  const terms = queryTerms(query.slice(0, MAX_QUERY_CHARS), MAX_QUERY_TERMS);
  const scored =
    terms.length === 0
      ? apis.flatMap(({ contract }) => Object.entries(contract.methods).map(([method, { description }]) => ({ hit: { api: contract.name, method, description } })))
      : rank(apis, terms);
  const hits = scored.slice(0, Math.max(0, Math.min(limit, MAX_SEARCH_RESULTS))).map(({ hit }) => hit);
  const picked = new Map<string, Set<string>>();
  for (const hit of hits) (picked.get(hit.api) ?? picked.set(hit.api, new Set()).get(hit.api)!).add(hit.method);
  const selection = apis.filter(({ contract }) => picked.has(contract.name)).map(({ contract }) => ({ contract, methods: [...picked.get(contract.name)!] }));
  // The hits' signatures and only the named types they reach, within the answer's budget (host/apis/declarations.ts).
  return { hits, total: scored.length, declarations: selection.length === 0 ? "" : declareSelection(selection, MAX_ANSWER_DECLARATION_CHARS, hostLimits) };
}
