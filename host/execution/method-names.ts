import type { ApiContract } from "../../api-types/define.js";

const sorted = new WeakMap<ApiContract, readonly string[]>();

/**
 * A contract's method names sorted by UTF-16 code unit, as the sandbox's
 * namespaces expect them (SandboxManifest.apis, sandbox/namespaces.ts): they
 * find a name by binary search and a group's methods as one run of the list,
 * so an execution builds nothing per method it does not use. Sorted once per
 * contract object.
 */
export function sortedMethodNames(contract: ApiContract): readonly string[] {
  let names = sorted.get(contract);
  if (names === undefined) {
    names = Object.freeze(Object.keys(contract.methods).sort());
    sorted.set(contract, names);
  }
  return names;
}
