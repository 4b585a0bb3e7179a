import ts from "typescript";
import { approvalDoc } from "../approvals/approval-rules.js";
import { z } from "zod";
import type { ApiContract } from "../../api-types/define.js";
import { declarationsHeader, DEFAULT_DECLARATION_LIMITS, type DeclarationLimits } from "./declaration-header.js";
import { describedLines, jsonSchemaToTypeNode, withDoc, type JsonSchema, type NamedReference } from "./json-schema-to-ts.js";
import { namedTypeOf, type NamedType } from "./named-types.js";
import { aliasMembers, METHODS_INTERFACE, nestMembers } from "./declared-members.js";

const f = ts.factory;

/** Default size of a search answer's declarations, in characters; past it, named types are listed by name instead of declared. */
export const MAX_ANSWER_DECLARATION_CHARS = 24_000;

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
const scratch = ts.createSourceFile("declarations.d.ts", "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
const cache = new WeakMap<ApiContract, string>();
/** declareCheckedApis's text of each API that has old method names. */
const checkedCache = new WeakMap<ApiContract, string>();
/**
 * declareCheckedApis's last texts, by the header and the contracts they were
 * written for. The same APIs granted again get the very same string, which
 * the type check looks its recent checks up by (host/execution/check/typecheck.ts):
 * a string is hashed once, so a new copy of GitHub's 2 M characters would
 * cost about 9 ms on every execution. As many as the type check keeps sets
 * of declarations for.
 */
const RECENT_CHECKED_TEXTS = 4;
const recentChecked: { header: string; contracts: readonly ApiContract[]; text: string }[] = [];

/** The printer indents by four spaces; two cost agents fewer tokens. */
const print = (node: ts.Node, indent = "") =>
  printer
    .printNode(ts.EmitHint.Unspecified, node, scratch)
    .replace(/^(?: {4})+/gm, (spaces) => " ".repeat(spaces.length / 2))
    .replace(/^/gm, indent);

/**
 * The named types one API's declarations reach, each printed once under a
 * name unique in the API: its own, or with 2, 3… added when two types of
 * different imports (two MCP tools' `$defs`) share it.
 */
class NamedTypes {
  readonly queue: NamedType[] = [];
  readonly #names = new Map<string, string>();
  readonly #taken = new Set<string>();

  constructor(readonly api: string) {}

  /** toJSONSchema's override hook: meets every reference while a schema is printed. */
  readonly collect = ({ zodSchema }: { zodSchema: unknown }) => {
    const type = namedTypeOf(zodSchema);
    if (type === undefined || this.#names.has(type.key)) return;
    let name = type.name;
    for (let n = 2; this.#taken.has(name); n++) name = `${type.name}${n}`;
    this.#taken.add(name);
    this.#names.set(type.key, name);
    this.queue.push(type);
  };

  nameOf(type: NamedType): string {
    return this.#names.get(type.key)!;
  }

  readonly reference: NamedReference = (key) => {
    const name = this.#names.get(key);
    return name === undefined ? f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword) : f.createTypeReferenceNode(f.createQualifiedName(f.createIdentifier(this.api), name));
  };
}

/** A zod schema as JSON Schema; references to named types stay references (see host/apis/named-types.ts), and `types` collects them. */
function toJsonSchema(schema: z.ZodType, io: "input" | "output", types?: NamedTypes): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: "any", ...(types && { override: types.collect }) }) as JsonSchema;
}

/**
 * The doc lines of a method's own errors: one `@throws <name> <when>` per
 * entry of its contract's `throws`. The errors any call can throw are in
 * the header (host/apis/declaration-header.ts), not repeated here.
 */
function throwsDoc(throws: Readonly<Record<string, string>> | undefined): string[] {
  return Object.entries(throws ?? {}).map(([error, when]) => `@throws ${error} ${when}`.trim());
}

function methodSignature(name: string, description: string, input: JsonSchema, output: JsonSchema, types: NamedTypes, notes: readonly string[]): ts.MethodSignature {
  const optional = (input.required ?? []).length === 0;
  const parameter = f.createParameterDeclaration(undefined, undefined, "input", optional ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined, jsonSchemaToTypeNode(input, input, types.reference));
  const returns = f.createTypeReferenceNode("Promise", [jsonSchemaToTypeNode(output, output, types.reference)]);
  const returnsDoc = describedLines(output).map((line, i) => (i === 0 ? `@returns ${line}` : line));
  return withDoc(f.createMethodSignature(undefined, name, undefined, undefined, [parameter], returns), [description, ...returnsDoc, ...notes]);
}

/** One named type: an interface when it is an object type, else a type alias. */
function typeDeclaration(type: NamedType, types: NamedTypes): string {
  const json = toJsonSchema(type.definition(), "output", types);
  const node = jsonSchemaToTypeNode(json, json, types.reference);
  const name = types.nameOf(type);
  const declaration = ts.isTypeLiteralNode(node)
    ? f.createInterfaceDeclaration(undefined, name, undefined, undefined, node.members)
    : f.createTypeAliasDeclaration(undefined, name, undefined, node);
  return print(withDoc(declaration, describedLines(json)), "  ");
}

/**
 * The declarations of `methods` of one API: `declare const <api>: { … }`
 * with its methods, and `declare namespace <api> { … }` with every named
 * type they reach, each once (TypeScript merges the two). Types are printed
 * in the order they are met until their text would pass `maxChars` (at
 * least one is declared); the rest are listed by name in a comment that
 * states `stated`, the whole answer's budget.
 */
function declareMethods(contract: ApiContract, methods: readonly string[], maxChars: number, stated = maxChars, withAliases = false): string {
  const types = new NamedTypes(contract.name);
  const members = nestMembers(methods, (name, member) => {
    const method = contract.methods[name];
    return methodSignature(member, method.description, toJsonSchema(method.input, "input", types), toJsonSchema(method.output, "output", types), types, [...approvalDoc(method.approval), ...throwsDoc(method.throws)]);
  });
  const aliased = withAliases && contract.aliases !== undefined && Object.keys(contract.aliases).length > 0;
  const constant = withDoc(
    f.createVariableStatement(
      [f.createModifier(ts.SyntaxKind.DeclareKeyword)],
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(contract.name, undefined, aliased ? f.createTypeReferenceNode(f.createQualifiedName(f.createIdentifier(contract.name), METHODS_INTERFACE)) : f.createTypeLiteralNode(members))],
        ts.NodeFlags.Const,
      ),
    ),
    [contract.description],
  );
  let text = print(constant);
  if (aliased) {
    const methodsInterface = f.createInterfaceDeclaration(undefined, METHODS_INTERFACE, undefined, undefined, [...members, ...aliasMembers(contract.name, contract.aliases!)]);
    text += `
declare namespace ${contract.name} {
${print(methodsInterface, "  ")}
}`;
  }
  if (types.queue.length === 0) return text;
  const declared: string[] = [];
  let size = text.length;
  let next = 0;
  for (; next < types.queue.length; next++) {
    const declaration = typeDeclaration(types.queue[next], types);
    if (size + declaration.length > maxChars && declared.length > 0) break;
    declared.push(declaration);
    size += declaration.length + 1;
  }
  text += `\ndeclare namespace ${contract.name} {\n${declared.join("\n")}\n}`;
  const elided = types.queue.slice(next).map((type) => `${contract.name}.${types.nameOf(type)}`);
  if (elided.length > 0) text += `\n// Not declared here, to keep this answer within ${stated} characters: ${elided.join(", ")}. Search for a type's name to read it.`;
  return text;
}

/** The declaration agents see for one API: all its methods and every named type they reach. */
export function declareApi(contract: ApiContract): string {
  const hit = cache.get(contract);
  if (hit !== undefined) return hit;
  const text = declareMethods(contract, Object.keys(contract.methods), Number.POSITIVE_INFINITY);
  cache.set(contract, text);
  return text;
}

/** The declarations of `contracts`, with the header stating `limits` (the host's: declarationLimits(config)), as one .d.ts text. */
export function declareApis(contracts: readonly ApiContract[], limits: DeclarationLimits = DEFAULT_DECLARATION_LIMITS): string {
  return `${declarationsHeader(limits)}\n${contracts.map(declareApi).join("\n\n")}\n`;
}

/**
 * The declarations the type check reads: `declareApis`'s, except that an
 * API with old method names (`contract.aliases`) declares its methods as an
 * interface that also holds the old names, deprecated, so code written
 * against them still type-checks. Agents never read this text.
 */
export function declareCheckedApis(contracts: readonly ApiContract[], limits: DeclarationLimits = DEFAULT_DECLARATION_LIMITS): string {
  const header = declarationsHeader(limits);
  const known = recentChecked.find((entry) => entry.header === header && entry.contracts.length === contracts.length && entry.contracts.every((contract, at) => contract === contracts[at]));
  if (known !== undefined) return known.text;
  const declare = (contract: ApiContract) => {
    if (contract.aliases === undefined || Object.keys(contract.aliases).length === 0) return declareApi(contract);
    const hit = checkedCache.get(contract);
    if (hit !== undefined) return hit;
    const text = declareMethods(contract, Object.keys(contract.methods), Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, true);
    checkedCache.set(contract, text);
    return text;
  };
  const text = `${header}\n${contracts.map(declare).join("\n\n")}\n`;
  recentChecked.unshift({ header, contracts: [...contracts], text });
  if (recentChecked.length > RECENT_CHECKED_TEXTS) recentChecked.pop();
  return text;
}

/**
 * A search answer's declarations: the header (stating `limits`), then for
 * each API the given methods (in rank order) and only the named types they
 * reach, each at most once, within `maxChars`. Methods are declared while
 * they fit (the first API's first method always is); the names of the
 * methods and named types left out are listed, so a follow-up search can
 * ask for them.
 */
export function declareSelection(
  selection: readonly { contract: ApiContract; methods: readonly string[] }[],
  maxChars = MAX_ANSWER_DECLARATION_CHARS,
  limits: DeclarationLimits = DEFAULT_DECLARATION_LIMITS,
): string {
  const header = declarationsHeader(limits);
  const parts: string[] = [];
  const elided: string[] = [];
  let left = maxChars - header.length;
  for (const { contract, methods } of selection) {
    const known = methods.filter((name) => Object.hasOwn(contract.methods, name));
    const fitting = declareFitting(contract, known, left, maxChars, parts.length === 0);
    if (fitting === undefined) {
      elided.push(...known.map((name) => `${contract.name}.${name}`));
      continue;
    }
    parts.push(fitting.text);
    elided.push(...known.slice(fitting.count).map((name) => `${contract.name}.${name}`));
    left -= fitting.text.length + 2;
  }
  if (elided.length > 0) parts.push(`// Also matching, not declared here to keep this answer within ${maxChars} characters: ${elided.join(", ")}. Search for a method's name to read it.`);
  return `${header}\n${parts.join("\n\n")}\n`;
}

/**
 * The longest head of `methods` whose declarations fit in `room`, with how
 * many methods it holds; at least one method when `first`, else undefined
 * when not even one fits. Each try prints the declarations again, which a
 * search answer's few methods keep cheap.
 */
function declareFitting(contract: ApiContract, methods: readonly string[], room: number, stated: number, first: boolean): { text: string; count: number } | undefined {
  for (let count = methods.length; count > 0; count--) {
    const text = declareMethods(contract, methods.slice(0, count), Math.max(0, room), stated);
    if (text.length <= room || (count === 1 && first)) return { text, count };
  }
  return undefined;
}
