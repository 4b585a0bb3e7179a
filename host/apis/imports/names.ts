import { isValidMethodName } from "../../../api-types/define.js";

/**
 * Turns imported names (MCP tools, OpenAPI operationIds) into method names
 * agent code can call, reversibly: every character outside [A-Za-z0-9_]
 * becomes "_", a leading digit gets a "_" in front, and names are cut to 60
 * characters. When two names would end up the same, the later ones (in the
 * source's order) get "_2", "_3"… The returned map goes from method name
 * back to the original, which is what the host sends to the server.
 */
export function sanitizeImportedNames(names: readonly string[]): Map<string, string> {
  const methods = new Map<string, string>();
  for (const original of names) {
    let base = original.replace(/[^A-Za-z0-9_]/g, "_");
    if (base === "" || /^[0-9]/.test(base)) base = `_${base}`;
    if (!isValidMethodName(base)) base = `${base}_`;
    base = base.slice(0, 60);
    let name = base;
    for (let n = 2; methods.has(name); n++) name = `${base}_${n}`;
    methods.set(name, original);
  }
  return methods;
}
