/**
 * What converting untrusted JSON Schema may cost, counted and enforced, so
 * no spec and no MCP tool list can make an import slow or huge. Past a
 * budget only the part being converted degrades: it becomes `unknown` (not
 * checked, typed `unknown`) and its doc says so.
 */

/** Most schema nodes one import converts (each becomes a zod schema): bounds memory. */
export const MAX_IMPORT_NODES = 400_000;
/** Most counted steps one import takes (nodes, properties, enum members, reference hops, allOf merges): bounds time. */
export const MAX_IMPORT_WORK = 4_000_000;
/** Most schema nodes one standalone schema (an MCP tool's input or output) converts. */
export const MAX_STANDALONE_NODES = 20_000;
/** Most counted steps for one standalone schema. */
export const MAX_STANDALONE_WORK = 200_000;
/** Deepest nesting converted inside one schema; a named type starts again at zero. */
export const MAX_SCHEMA_DEPTH = 32;

export class ConversionBudget {
  #nodes = 0;
  #work = 0;

  constructor(
    readonly maxNodes: number,
    readonly maxWork: number,
  ) {}

  /** Counts one node; false once the node or work budget is spent. */
  node(): boolean {
    this.#nodes += 1;
    this.#work += 1;
    return this.#nodes <= this.maxNodes && this.#work <= this.maxWork;
  }

  /** Counts `steps` of work; false once the work budget is spent. */
  work(steps = 1): boolean {
    this.#work += steps;
    return this.#work <= this.maxWork;
  }

  get spent(): { nodes: number; work: number } {
    return { nodes: this.#nodes, work: this.#work };
  }

  /** The sentence a degraded schema's doc carries. */
  get exhaustedNote(): string {
    return `Part of its schema is past this host's conversion budget (${this.maxNodes} nodes, ${this.maxWork} steps per import), so that part is typed unknown and not checked.`;
  }
}
