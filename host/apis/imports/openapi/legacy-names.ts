/**
 * The method names OpenAPI imports had before names were grouped
 * (host/apis/imports/names.ts's operationMethodNames): kept for one release
 * as aliases, so code written against them still runs, with a warning.
 *
 * The old rule, exactly: the operationId (or `<method>_<path>`) with every
 * character outside [A-Za-z0-9_] made "_", a leading digit given "_" in
 * front, then, then, constructor, prototype and __proto__ given "_" after,
 * cut to 60 characters; a name already taken, in the spec's order, got
 * "_2", "_3"…
 */

const OLD_MAX_CHARS = 60;
const OLD_UNSAFE = new Set(["then", "constructor", "prototype", "__proto__"]);

/** The old names of `ids` (operationIds, or `<method>_<path>`), in their order. */
export function legacyMethodNames(ids: readonly string[]): string[] {
  const taken = new Set<string>();
  return ids.map((id) => {
    let base = id.replace(/[^A-Za-z0-9_]/g, "_");
    if (base === "" || /^[0-9]/.test(base)) base = `_${base}`;
    if (OLD_UNSAFE.has(base)) base = `${base}_`;
    base = base.slice(0, OLD_MAX_CHARS);
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
    taken.add(name);
    return name;
  });
}

/**
 * Old name → new name for the operations whose name changed. An old name is
 * left out when it is a current method or group name, so an alias never
 * shadows a method.
 */
export function legacyAliases(ids: readonly string[], current: readonly string[]): Record<string, string> {
  const taken = new Set(current.flatMap((name) => [name, name.split(".")[0]]));
  const aliases: Record<string, string> = {};
  legacyMethodNames(ids).forEach((old, i) => {
    if (old !== current[i] && !taken.has(old)) aliases[old] = current[i];
  });
  return aliases;
}
