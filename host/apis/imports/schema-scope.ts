import { z } from "zod";
import { describeSchema, namedReference, namedTypeOf, newNamedTypeKey, type NamedType } from "../named-types.js";
import type { ConversionBudget } from "./conversion-budget.js";
import { pointerTo, resolvePointer } from "./json-pointer.js";
import { TypeNames } from "./type-names.js";

/** Most schemas visited looking for a definition that loops back to itself; past it, it counts as looping. */
const MAX_ALIAS_VISITS = 256;

/** Which side of a call a schema checks: inputs close objects that do not say otherwise, outputs leave them open. */
export type Io = "input" | "output";

/** Converts one schema of this scope; notes collect what was degraded. */
export type BuildSchema = (schema: unknown, io: Io, notes: Set<string>) => z.ZodType;

interface Entry {
  readonly ref: string;
  readonly target: unknown;
  readonly type: NamedType;
  readonly variants: Partial<Record<Io, { reference: z.ZodType; built?: z.ZodType; building: boolean }>>;
}

/**
 * The named types of one import (one OpenAPI document, or one standalone
 * JSON Schema) and the budget its conversion shares.
 *
 * Every local `$ref` becomes a named type: converted once per side (input,
 * output), however often it is referenced, so no document can make
 * conversion exponential. The schemas under `namedPrefixes` (e.g.
 * "#/components/schemas/") get their names up front, in document order;
 * any other pointer is named after its last segment when first reached.
 */
export class SchemaScope {
  readonly #entries = new Map<string, Entry>();
  readonly #byKey = new Map<string, Entry>();
  readonly #names = new TypeNames();
  readonly #reserved = new Map<string, string>();
  readonly #pending: [Entry, Io][] = [];
  #drained = 0;
  #build: BuildSchema | undefined;

  constructor(
    readonly root: unknown,
    readonly budget: ConversionBudget,
    namedPrefixes: readonly string[],
  ) {
    for (const prefix of namedPrefixes) {
      const container = resolvePointer(root, prefix.replace(/\/$/, ""));
      if (container === null || typeof container !== "object" || Array.isArray(container)) continue;
      for (const key of Object.keys(container)) this.#reserved.set(pointerTo(prefix, key), this.#names.claim(key));
    }
  }

  /** Set once by the converter that owns this scope. */
  useBuilder(build: BuildSchema): void {
    this.#build = build;
  }

  /** What a local reference points to, for keywords that read the target's JSON (allOf merging). */
  lookup(ref: string): unknown {
    return resolvePointer(this.root, ref);
  }

  /** The zod reference to the named type at `ref`, or undefined when the reference cannot be resolved. */
  reference(ref: string, io: Io): z.ZodType | undefined {
    let entry = this.#entries.get(ref);
    if (entry === undefined) {
      const target = resolvePointer(this.root, ref);
      if (target === undefined) return undefined;
      const name = this.#reserved.get(ref) ?? this.#names.claim(ref === "#" ? "Root" : (ref.split("/").pop() ?? ""));
      const key = newNamedTypeKey();
      const created: Entry = { ref, target, variants: {}, type: { key, name, definition: () => this.#definition(created, "input") } };
      entry = created;
      this.#entries.set(ref, entry);
      this.#byKey.set(key, entry);
    }
    let variant = entry.variants[io];
    if (variant === undefined) {
      const owner = entry;
      variant = { reference: namedReference(entry.type, () => this.#definition(owner, io)), building: false };
      entry.variants[io] = variant;
      this.#pending.push([entry, io]);
    }
    return variant.reference;
  }

  /** Builds every named type referenced so far (and those they reference), breadth first, without deep recursion. */
  drain(): void {
    for (; this.#drained < this.#pending.length; this.#drained++) {
      const [entry, io] = this.#pending[this.#drained];
      this.#definition(entry, io);
    }
  }

  /**
   * Whether `schema`, the definition of `entry`, is `entry` itself without an
   * object or array in between (`{ "$ref": self }`, `anyOf: [string, self]`,
   * an alias chain back to it). No lazy breaks such a loop: zod would recurse
   * forever and TypeScript refuses the alias, so the definition is unknown.
   */
  #reachesItself(schema: z.ZodType, entry: Entry, io: Io): boolean {
    const queue = [schema];
    for (let visited = 0; visited < MAX_ALIAS_VISITS && visited < queue.length; visited++) {
      const node = queue[visited];
      const type = namedTypeOf(node);
      if (type !== undefined) {
        if (type === entry.type) return true;
        const other = this.#byKey.get(type.key)?.variants[io]?.built;
        if (other !== undefined) queue.push(other);
      } else if (node instanceof z.ZodUnion) queue.push(...(node.options as z.ZodType[]));
      else if (node instanceof z.ZodIntersection) queue.push(node._zod.def.left as z.ZodType, node._zod.def.right as z.ZodType);
      else if (node instanceof z.ZodNullable || node instanceof z.ZodOptional) queue.push(node.unwrap() as z.ZodType);
    }
    return queue.length > MAX_ALIAS_VISITS;
  }

  #definition(entry: Entry, io: Io): z.ZodType {
    const variant = entry.variants[io] ?? (this.reference(entry.ref, io), entry.variants[io]!);
    if (variant.built !== undefined) return variant.built;
    // A definition that is asked for while it is being built would be a cycle that no lazy breaks; it is typed unknown.
    if (variant.building || this.#build === undefined) return z.unknown();
    variant.building = true;
    const notes = new Set<string>();
    let built = this.#build(entry.target, io, notes);
    if (this.#reachesItself(built, entry, io)) {
      built = z.unknown();
      notes.add(`The schema ${JSON.stringify(entry.ref.slice(0, 100))} is defined through itself alone, so it is typed unknown and not checked.`);
    }
    if (notes.size > 0) built = describeSchema(built, [built.description, ...notes].filter(Boolean).join(" "));
    variant.built = built;
    variant.building = false;
    return built;
  }
}
