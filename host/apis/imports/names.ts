import { isValidMethodName } from "../../../api-types/define.js";

/** Longest segment of a method name (a group or a method): what api-types/define.ts's IDENTIFIER allows. */
export const MAX_NAME_SEGMENT_CHARS = 64;
/** Characters of the hash a cut or colliding name ends with (base 36: about 2 billion values). */
export const NAME_HASH_CHARS = 6;

const HASH_RANGE = 36 ** NAME_HASH_CHARS;

/** A short hash of `text` that never changes between runs or hosts: FNV-1a (32 bits), as NAME_HASH_CHARS base-36 characters. */
export function stableHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash % HASH_RANGE).toString(36).padStart(NAME_HASH_CHARS, "0");
}

/**
 * `text` as a camelCase member name: split at every character outside
 * [A-Za-z0-9] and at case boundaries ("addLabels", "HTTPServer"), the first
 * word lower-cased, each later one capitalised ("issues/add-labels" →
 * issuesAddLabels, "GET /v1/latest" → getV1Latest). A result that starts
 * with a digit gets "_" in front, an empty one is "_", and one that is not a
 * valid method name (then, constructor, prototype) gets "_" appended.
 */
export function camelCase(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
  let name = words.map((word, i) => (i === 0 ? word : word[0].toUpperCase() + word.slice(1))).join("");
  if (name === "" || /^[0-9]/.test(name)) name = `_${name}`;
  return isValidMethodName(name) ? name : `${name}_`;
}

/** `segment` ended by "_" and `hash`, cut so the whole stays within MAX_NAME_SEGMENT_CHARS. */
const hashed = (segment: string, hash: string) => `${segment.slice(0, MAX_NAME_SEGMENT_CHARS - NAME_HASH_CHARS - 1)}_${hash}`;

/** `segment` as it is when short enough, else cut with the hash of `original` (the name it came from). */
const fitted = (segment: string, original: string) => (segment.length <= MAX_NAME_SEGMENT_CHARS ? segment : hashed(segment, stableHash(original)));

/** `name` with the hash of `seed` on its last segment. */
function withHash(name: string, seed: string): string {
  const dot = name.indexOf(".");
  return dot === -1 ? hashed(name, stableHash(seed)) : `${name.slice(0, dot + 1)}${hashed(name.slice(dot + 1), stableHash(seed))}`;
}

/** One imported name on its way to a method name. */
interface Candidate {
  /** The method name the rule gives, before collisions are settled. */
  readonly name: string;
  /** What the name came from (a tool name, an operationId): its hash settles a collision. */
  readonly original: string;
  /** Unique among the candidates (e.g. "GET /path"): its hash settles what `original`'s could not. */
  readonly identity: string;
}

/** The names among `names` that are not yet unique: used twice, or flat and also a group (`issues` next to `issues.get`). */
function contested(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const name of names) (seen.has(name) ? twice : seen).add(name);
  for (const name of names) if (name.includes(".")) twice.add(name.slice(0, name.indexOf(".")));
  return twice;
}

/**
 * Settles collisions, independent of the candidates' order. A name that
 * two candidates share is kept by the candidate whose original is exactly
 * that name, if one is; the others, and a flat name that is also a group,
 * get the hash of their original on the last segment. Names that still
 * collide (a spec with a repeated operationId, a hash clash) get the hash of
 * their identity instead. Throws, naming the name, if even that leaves two
 * the same.
 */
function settle(candidates: readonly Candidate[]): string[] {
  const first = contested(candidates.map((c) => c.name));
  const groups = new Set(candidates.filter((c) => c.name.includes(".")).map((c) => c.name.slice(0, c.name.indexOf("."))));
  let names = candidates.map((c) => (first.has(c.name) && (c.original !== c.name || groups.has(c.name)) ? withHash(c.name, c.original) : c.name));
  const second = contested(names);
  names = names.map((name, i) => (second.has(name) ? withHash(candidates[i].name, candidates[i].identity) : name));
  const clash = [...contested(names)].find((name) => names.includes(name));
  if (clash !== undefined) throw new Error(`Two imported names both became "${clash}", even with their hashes; rename one of them at the source.`);
  return names;
}

/**
 * Turns MCP tool names into flat method names agent code can call,
 * reversibly: every character outside [A-Za-z0-9_] becomes "_", a leading
 * digit gets "_" in front, a name that is not a valid method name gets "_"
 * appended, and a name over MAX_NAME_SEGMENT_CHARS is cut and ends with the
 * stable hash of the tool's name. Collisions are settled as `settle` says,
 * whatever the tools' order. The returned map goes from method name back to
 * the tool's own name, which is what the host sends to the server.
 */
export function sanitizeImportedNames(names: readonly string[]): Map<string, string> {
  const candidates = names.map((original) => {
    let name = original.replace(/[^A-Za-z0-9_]/g, "_");
    if (name === "" || /^[0-9]/.test(name)) name = `_${name}`;
    if (!isValidMethodName(name)) name = `${name}_`;
    return { name: fitted(name, original), original, identity: original };
  });
  const settled = settle(candidates);
  return new Map(settled.map((name, i) => [name, names[i]]));
}

/** What names an OpenAPI operation. */
export interface OperationName {
  readonly operationId?: string;
  /** The operation's tags; the first one that has a letter or digit counts. */
  readonly tags?: readonly string[];
  /** The HTTP method, lower case. */
  readonly method: string;
  readonly path: string;
}

/** The separators that split an operationId into group and method: GitHub's `issues/add-labels`, `echo.request`. */
const GROUP_SEPARATOR = /[/.]/;
const hasWord = (text: string) => /[A-Za-z0-9]/.test(text);

/** The rule's name for one operation, before collisions (see operationMethodNames). */
function ruleName({ operationId, tags, method, path }: OperationName): string {
  const id = operationId !== undefined && hasWord(operationId) ? operationId : undefined;
  const at = id === undefined ? -1 : id.search(GROUP_SEPARATOR);
  if (id !== undefined && at !== -1 && hasWord(id.slice(0, at)) && hasWord(id.slice(at + 1))) {
    const group = id.slice(0, at);
    return `${fitted(camelCase(group), group)}.${fitted(camelCase(id.slice(at + 1)), id)}`;
  }
  const words = id ?? `${method} ${path}`;
  const flat = fitted(camelCase(words), words);
  const tag = tags?.find(hasWord);
  return tag === undefined ? flat : `${fitted(camelCase(tag), tag)}.${flat}`;
}

/**
 * The method names of OpenAPI operations, in their order. The rule, the
 * same for any spec and any order of its operations:
 * - an operationId with a "/" or "." has a group: camelCase of the part
 *   before the first one, then the camelCase of the rest
 *   (`issues/add-labels` → issues.addLabels, `echo.request` → echo.request);
 * - otherwise, an operation with a tag has the camelCase of its first tag
 *   as group, and the camelCase of its operationId as method
 *   (`createIssue` tagged "Issues" → issues.createIssue);
 * - otherwise the name is flat: the camelCase of its operationId (or, with
 *   none, of its HTTP method and path: `GET /v1/latest` → getV1Latest).
 * camelCase is `camelCase`'s. A segment over MAX_NAME_SEGMENT_CHARS is cut
 * and ends with "_" and the stable hash of what it came from, so two names
 * never meet because of a cut. Names that still meet (two operationIds with
 * the same camelCase, or a flat name that is also a group) end with the
 * hash of their operationId (or method and path), whatever their order.
 */
export function operationMethodNames(operations: readonly OperationName[]): string[] {
  return settle(
    operations.map((operation) => {
      const identity = `${operation.method.toUpperCase()} ${operation.path}`;
      return { name: ruleName(operation), original: operation.operationId ?? identity, identity };
    }),
  );
}
