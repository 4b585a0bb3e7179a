/** The value a local JSON Pointer reference ("#", "#/a/b~1c") points to in `root`, or undefined. Remote references are never followed. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    } catch {
      return undefined;
    }
    if (node === null || typeof node !== "object" || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The pointer to `key` under `prefix` ("#/components/schemas/"), escaped as JSON Pointer requires. */
export function pointerTo(prefix: string, key: string): string {
  return prefix + key.replaceAll("~", "~0").replaceAll("/", "~1");
}
