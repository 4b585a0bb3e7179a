import ts from "typescript";

/**
 * The work budget of one type check of agent code.
 *
 * The checker runs on the host's own thread, and agent code can make it do
 * unbounded work: recursive conditional types that build ever longer tuples
 * drove one 3.7 KB program to a 1.4 GB heap. TypeScript's own limits
 * (instantiation depth 100, 5,000,000 instantiations per statement) reset at
 * every statement, so they bound neither time nor memory. Clocks stand still
 * during synchronous code in workerd, so the budget cannot be timed either.
 *
 * It is counted instead, where the checker's work and memory come from: every
 * type, symbol and signature the checker creates goes through TypeScript's
 * object allocator, which this module wraps. Each costs one unit, plus the
 * length of the element arrays of the type created just before it (a tuple's
 * elements, a union's members), which the checker fills in right after the
 * constructor returns. A tuple of 10,000 elements thus costs 10,000 units,
 * not one. Every Map read and write the checker makes costs one unit too:
 * its instantiation and relation caches are Maps, and relating two large
 * unions does little else. Counting is deterministic: the same code costs the
 * same on every machine, after the same earlier checks. A check on a warm
 * checker (host/execution/check/warm-checker.ts) does not pay again for the
 * library types an earlier check resolved, so the first check on a fresh one
 * costs a few thousand units more.
 *
 * Outside `metered()`, the allocator counts nothing; the host's own work
 * (binding the library and the API declarations) is never charged.
 */

/**
 * Units one check may spend. A realistic agent program spends a few
 * thousand (a paging loop over `catalog` with Map, groupBy and toSorted:
 * about 5,000); a 10,000-member template-literal union, about 75,000. The
 * costliest programs found stop here after well under a second of CPU and
 * about 50 MB of heap (`npm run bench:check` prints both).
 */
export const CHECK_BUDGET_UNITS = 300_000;

/** Thrown inside the checker when a check has spent its budget; caught by TypeChecker. */
export class CheckBudgetExceeded extends Error {
  override readonly name = "CheckBudgetExceeded";
}

interface Sized {
  readonly resolvedTypeArguments?: readonly unknown[];
  readonly types?: readonly unknown[];
}

let remaining = Number.POSITIVE_INFINITY;
let spent = 0;
/** The type created last, whose arrays are filled in after its constructor returns. */
let previous: Sized | undefined;

function spend(units: number): void {
  spent += units;
  remaining -= units;
  if (remaining < 0) {
    remaining = Number.POSITIVE_INFINITY;
    throw new CheckBudgetExceeded("The type check spent its budget.");
  }
}

function spendOnType(type: Sized): void {
  const last = previous;
  previous = type;
  spend(1 + (last?.resolvedTypeArguments?.length ?? 0) + (last?.types?.length ?? 0));
}

type Constructor = new (...args: never[]) => object;

/** TypeScript's internal object allocator (not in its public typings): the constructors the checker and binder use. */
interface ObjectAllocator {
  getTypeConstructor(): Constructor;
  getSymbolConstructor(): Constructor;
  getSignatureConstructor(): Constructor;
}

const internals = ts as unknown as { objectAllocator: ObjectAllocator; setObjectAllocator(alloc: Partial<ObjectAllocator>): void };

/** A subclass of `Base` whose every instance calls `onCreate` while a check is metered. */
function metering(Base: Constructor, onCreate: (created: object) => void): Constructor {
  return class extends Base {
    constructor(...args: never[]) {
      super(...args);
      if (remaining !== Number.POSITIVE_INFINITY) onCreate(this);
    }
  };
}

function installMeter(): void {
  const allocator = internals.objectAllocator;
  const Type = metering(allocator.getTypeConstructor(), (type) => spendOnType(type as Sized));
  const Symbol = metering(allocator.getSymbolConstructor(), () => spend(1));
  const Signature = metering(allocator.getSignatureConstructor(), () => spend(1));
  internals.setObjectAllocator({ getTypeConstructor: () => Type, getSymbolConstructor: () => Symbol, getSignatureConstructor: () => Signature });
}

installMeter();

const mapSet = Map.prototype.set;
/**
 * Map.prototype.set while a check is metered. The checker caches every type
 * relation it computes and every instantiation in Maps; relating two unions
 * of 10,000 object types creates no type but 100,000,000 relation entries.
 * The host runs nothing else while a check runs (checks are synchronous), and
 * the original is back in place before `metered()` returns.
 */
function meteredMapSet<K, V>(this: Map<K, V>, key: K, value: V): Map<K, V> {
  spend(1);
  return Reflect.apply(mapSet, this, [key, value]) as Map<K, V>;
}

const mapGet = Map.prototype.get;
function meteredMapGet<K, V>(this: Map<K, V>, key: K): V | undefined {
  spend(1);
  return Reflect.apply(mapGet, this, [key]) as V | undefined;
}

/**
 * Runs `work` (synchronous checker work) within `budget` units. Throws
 * CheckBudgetExceeded out of the checker once the budget is spent; the
 * checker's state is then unusable and must be discarded by the caller.
 * Returns what `work` returned and the units it spent.
 */
export function metered<T>(work: () => T, budget = CHECK_BUDGET_UNITS): { value: T; units: number } {
  remaining = budget;
  spent = 0;
  previous = undefined;
  Map.prototype.set = meteredMapSet;
  Map.prototype.get = meteredMapGet;
  try {
    return { value: work(), units: spent };
  } finally {
    Map.prototype.set = mapSet;
    Map.prototype.get = mapGet;
    remaining = Number.POSITIVE_INFINITY;
    previous = undefined;
  }
}
