import { IDENTIFIER, isValidMethodName } from "../api-types/define";

/**
 * Method names for things imported from elsewhere: MCP tool names and
 * OpenAPI operationIds, which may hold hyphens, dots, slashes, or start with
 * a digit. Agent code needs identifiers, so each original gets one, and the
 * mapping is kept both ways: the host calls the remote side by its original
 * name, never by a reconstruction.
 *
 * Rules, in order:
 * - a name that already is a usable method name keeps it;
 * - otherwise each run of characters other than letters, digits and `_`
 *   becomes one `_` (`get-weather` → `get_weather`, `files.read` →
 *   `files_read`); a leading digit gets a `_` in front (`3d` → `_3d`);
 *   `then`, `constructor`, `prototype` and `__proto__` get a `_` after; the
 *   result is cut to 64 characters;
 * - when that name is taken, `_2`, `_3`, … is appended, so two originals
 *   never share a name. Names that were already valid are placed first, so
 *   they never move.
 */

const MAX_NAME = 64;

/** The identifier `original` would get if nothing else claimed it. */
export function sanitizeName(original: string): string {
  if (isValidMethodName(original)) return original;
  let name = original.replace(/[^A-Za-z0-9_]+/g, "_");
  if (name === "" || name === "_") name = "unnamed";
  if (/^[0-9]/.test(name)) name = `_${name}`;
  name = name.slice(0, MAX_NAME);
  return isValidMethodName(name) ? name : `${name.slice(0, MAX_NAME - 1)}_`;
}

/** Maps identifiers to originals, one to one. */
export interface NameMap {
  /** Identifier → original. */
  readonly toOriginal: ReadonlyMap<string, string>;
  /** Original → identifier. */
  readonly toIdentifier: ReadonlyMap<string, string>;
}

/** Gives each distinct original an identifier, following the rules above. Deterministic for a given set of originals. */
export function assignNames(originals: readonly string[]): NameMap {
  const distinct = [...new Set(originals)].sort();
  const toOriginal = new Map<string, string>();
  const toIdentifier = new Map<string, string>();
  const claim = (identifier: string, original: string) => {
    toOriginal.set(identifier, original);
    toIdentifier.set(original, identifier);
  };
  for (const original of distinct) if (isValidMethodName(original)) claim(original, original);
  for (const original of distinct) {
    if (toIdentifier.has(original)) continue;
    const base = sanitizeName(original);
    let identifier = base;
    for (let n = 2; toOriginal.has(identifier); n++) {
      const suffix = `_${n}`;
      identifier = base.slice(0, MAX_NAME - suffix.length) + suffix;
    }
    if (!IDENTIFIER.test(identifier)) throw new Error(`Could not name "${original}" as a method.`);
    claim(identifier, original);
  }
  return { toOriginal, toIdentifier };
}
