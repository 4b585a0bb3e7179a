import ts from "typescript";
import { withDoc } from "./json-schema-to-ts.js";

const f = ts.factory;

/**
 * The name of the interface that holds an API's methods in the
 * type-check's declarations when the API has old names (see
 * `aliasMembers`). Named types are PascalCase letters and digits
 * (host/apis/imports/type-names.ts), so a name with "_" never meets one.
 */
export const METHODS_INTERFACE = "Methods_";

/**
 * The members of an API's type, in the order the methods come: a flat
 * method is one member; the methods of a group (`issues.addLabels`) are
 * members of one nested type literal (`issues: { addLabels(…) }`), placed
 * where the group's first method comes. `signatureOf` builds one method's
 * signature from its full name and the member name it is declared under.
 */
export function nestMembers(methods: readonly string[], signatureOf: (name: string, member: string) => ts.TypeElement): ts.TypeElement[] {
  const layout: (string | { group: string; methods: string[] })[] = [];
  const groups = new Map<string, string[]>();
  for (const name of methods) {
    const dot = name.indexOf(".");
    if (dot === -1) {
      layout.push(name);
      continue;
    }
    const group = name.slice(0, dot);
    const known = groups.get(group);
    if (known !== undefined) known.push(name);
    else {
      groups.set(group, [name]);
      layout.push({ group, methods: groups.get(group)! });
    }
  }
  return layout.map((entry) =>
    typeof entry === "string"
      ? signatureOf(entry, entry)
      : f.createPropertySignature(undefined, entry.group, undefined, f.createTypeLiteralNode(entry.methods.map((name) => signatureOf(name, name.slice(entry.group.length + 1))))),
  );
}

/**
 * One member per old name, for the type-check only: `old_name:
 * Methods_["group"]["method"]`, typed as the current method without
 * repeating its signature, and marked deprecated with the new name.
 */
export function aliasMembers(api: string, aliases: Readonly<Record<string, string>>): ts.TypeElement[] {
  return Object.entries(aliases).map(([old, current]) => {
    const type = current
      .split(".")
      .reduce<ts.TypeNode>((node, segment) => f.createIndexedAccessTypeNode(node, f.createLiteralTypeNode(f.createStringLiteral(segment))), f.createTypeReferenceNode(METHODS_INTERFACE));
    const doc = `@deprecated Renamed to ${api}.${current}; the old name goes away in the next release.`;
    return withDoc(f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], old, undefined, type), [doc]);
  });
}
