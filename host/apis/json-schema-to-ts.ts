import ts from "typescript";
import { NAMED_REF_PREFIX } from "./named-types.js";

/** The subset of JSON Schema (draft 2020-12 and 7) that becomes TypeScript types. */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalItems?: boolean | JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  default?: unknown;
  format?: string;
  nullable?: boolean;
}

const f = ts.factory;
/** How many `$defs` references (outside named types) are expanded along one path before the rest is typed unknown. */
const MAX_REF_DEPTH = 8;
const UNKNOWN = () => f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);

/**
 * How a reference to a named type (`$ref` under NAMED_REF_PREFIX, see
 * host/apis/named-types.ts) is printed: the declarations pass a function
 * from the type's key to a type reference such as `github.Repository`.
 */
export type NamedReference = (key: string) => ts.TypeNode;
const IDENTIFIER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Attaches `text` as a JSDoc comment. A description comes from a contract and
 * may come from a remote provider, so "*\/" is escaped and it cannot end the
 * comment early and inject declarations.
 */
export function withDoc<T extends ts.Node>(node: T, lines: readonly string[]): T {
  const text = lines.filter((line) => line.trim() !== "").join("\n").replaceAll("*/", "*\\/");
  if (text === "") return node;
  const body = text.includes("\n") ? `*\n${text.split("\n").map((line) => ` * ${line}`.trimEnd()).join("\n")}\n ` : `* ${text} `;
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, body, true);
}

/** The type of exactly `value`, any JSON value: objects and arrays become readonly literal types. */
function literal(value: unknown, depth = 0): ts.TypeNode {
  if (value === null) return f.createLiteralTypeNode(f.createNull());
  if (typeof value === "object" && depth < 16) {
    if (Array.isArray(value)) return f.createTypeOperatorNode(ts.SyntaxKind.ReadonlyKeyword, f.createTupleTypeNode(value.map((item) => literal(item, depth + 1))));
    return f.createTypeLiteralNode(
      Object.entries(value).map(([key, inner]) => f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], propertyName(key), undefined, literal(inner, depth + 1))),
    );
  }
  if (typeof value === "string") return f.createLiteralTypeNode(f.createStringLiteral(value));
  if (typeof value === "boolean") return f.createLiteralTypeNode(value ? f.createTrue() : f.createFalse());
  if (typeof value === "number" && Number.isFinite(value)) {
    return value < 0
      ? f.createLiteralTypeNode(f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(-value)))
      : f.createLiteralTypeNode(f.createNumericLiteral(value));
  }
  return f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
}

function union(types: ts.TypeNode[]): ts.TypeNode {
  return types.length === 1 ? types[0] : f.createUnionTypeNode(types);
}

function arrayOf(element: ts.TypeNode): ts.TypeNode {
  const needsParens = ts.isUnionTypeNode(element) || ts.isIntersectionTypeNode(element) || ts.isFunctionTypeNode(element);
  return f.createArrayTypeNode(needsParens ? f.createParenthesizedType(element) : element);
}

function propertyName(name: string): ts.PropertyName {
  return IDENTIFIER_NAME.test(name) ? f.createIdentifier(name) : f.createStringLiteral(name);
}

/** How many levels of arrays of arrays lend their items' descriptions to the member that holds them. */
const MAX_ITEM_DESCRIPTION_DEPTH = 4;

/**
 * The descriptions of what a member, a method's result or a named type
 * holds: the schema's own, then those of its array's items (an array of
 * arrays: theirs too), since items have no member of their own to carry a
 * doc comment. `alerts: Alert[]` thus keeps what the contract says of one
 * alert. Each distinct text once.
 */
export function describedLines(schema: JsonSchema): string[] {
  const lines: string[] = [];
  let node: JsonSchema | boolean | JsonSchema[] | undefined = schema;
  for (let depth = 0; depth <= MAX_ITEM_DESCRIPTION_DEPTH && typeof node === "object" && !Array.isArray(node); depth++) {
    if (typeof node.description === "string" && node.description.trim() !== "" && !lines.includes(node.description)) lines.push(node.description);
    node = node.items;
  }
  return lines;
}

/** The doc lines of a member: its descriptions (describedLines) and its default. */
export function schemaDocLines(schema: JsonSchema): string[] {
  const lines = describedLines(schema);
  if (schema.default !== undefined) lines.push(`@default ${JSON.stringify(schema.default)}`);
  return lines;
}

/**
 * A type that no member carries, with its description as an inline doc
 * comment: a union's alternatives, a tuple's elements, a map's values. The
 * member that holds them documents only its own schema, so without this a
 * description there ("`none` carries no amounts") would be lost.
 */
function withInlineDoc(node: ts.TypeNode, schema: JsonSchema | boolean): ts.TypeNode {
  if (typeof schema !== "object" || typeof schema.description !== "string" || schema.description.trim() === "") return node;
  const text = schema.description.replace(/\s+/g, " ").trim().replaceAll("*/", "*\\/");
  return ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, `* ${text} `, false);
}

/**
 * Converts a JSON Schema to a TypeScript type node. `root` resolves local
 * `$ref`s; `named` prints references to named types.
 */
export function jsonSchemaToTypeNode(schema: JsonSchema | boolean, root: JsonSchema = typeof schema === "object" ? schema : {}, named?: NamedReference, depth = 0): ts.TypeNode {
  if (schema === true) return UNKNOWN();
  if (schema === false) return f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  const convert = (s: JsonSchema | boolean) => jsonSchemaToTypeNode(s, root, named, depth);

  if (schema.$ref !== undefined) {
    if (schema.$ref.startsWith(NAMED_REF_PREFIX) && named !== undefined) return named(schema.$ref.slice(NAMED_REF_PREFIX.length));
    const target = resolveRef(schema.$ref, root);
    if (target === undefined || depth >= MAX_REF_DEPTH) return UNKNOWN();
    return jsonSchemaToTypeNode(target, root, named, depth + 1);
  }
  let node = convertShape(schema, convert);
  if (schema.nullable === true) node = union([node, literal(null)]);
  return node;
}

function convertShape(schema: JsonSchema, convert: (s: JsonSchema | boolean) => ts.TypeNode): ts.TypeNode {
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum !== undefined) return union(schema.enum.map((value) => literal(value)));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return alternatives.length === 0 ? UNKNOWN() : union(alternatives.map((alternative) => withInlineDoc(convert(alternative), alternative)));
  if (schema.allOf !== undefined) {
    // A member that says nothing about the shape (only a description, say) adds nothing: no "& unknown".
    const members = schema.allOf.map(convert).filter((member) => member.kind !== ts.SyntaxKind.UnknownKeyword);
    return members.length === 0 ? UNKNOWN() : members.length === 1 ? members[0] : f.createIntersectionTypeNode(members);
  }
  if (Array.isArray(schema.type)) return union(schema.type.map((type) => convert({ ...schema, type })));
  switch (schema.type) {
    case "string":
      return f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword);
    case "number":
    case "integer":
      return f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword);
    case "boolean":
      return f.createKeywordTypeNode(ts.SyntaxKind.BooleanKeyword);
    case "null":
      return literal(null);
    case "array":
      return convertArray(schema, convert);
    case "object":
      return convertObject(schema, convert);
  }
  if (schema.properties !== undefined) return convertObject(schema, convert);
  return f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
}

function convertArray(schema: JsonSchema, convert: (s: JsonSchema | boolean) => ts.TypeNode): ts.TypeNode {
  const tuple = schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : undefined);
  if (tuple !== undefined) {
    const rest = schema.prefixItems !== undefined ? (schema.items as JsonSchema | boolean | undefined) : schema.additionalItems;
    const elements: ts.TypeNode[] = tuple.map((element) => withInlineDoc(convert(element), element));
    if (rest !== false) elements.push(f.createRestTypeNode(arrayOf(rest === undefined ? UNKNOWN() : convert(rest))));
    return f.createTupleTypeNode(elements);
  }
  const items = schema.items as JsonSchema | boolean | undefined;
  return arrayOf(items === undefined ? UNKNOWN() : convert(items));
}

function convertObject(schema: JsonSchema, convert: (s: JsonSchema | boolean) => ts.TypeNode): ts.TypeNode {
  const required = new Set(schema.required ?? []);
  const members: ts.TypeElement[] = Object.entries(schema.properties ?? {}).map(([name, property]) =>
    withDoc(
      f.createPropertySignature(undefined, propertyName(name), required.has(name) ? undefined : f.createToken(ts.SyntaxKind.QuestionToken), convert(property)),
      typeof property === "object" ? schemaDocLines(property) : [],
    ),
  );
  const extra = schema.additionalProperties;
  if (extra !== undefined && extra !== false) {
    // The index signature must admit every declared property (TS2411), so its type joins theirs.
    const declared = members.flatMap((member) => (ts.isPropertySignature(member) && member.type ? [member.type] : []));
    const optional = members.some((member) => ts.isPropertySignature(member) && member.questionToken !== undefined);
    const extraType = extra === true ? UNKNOWN() : withInlineDoc(convert(extra), extra);
    const valueType = extraType.kind === ts.SyntaxKind.UnknownKeyword || declared.length === 0 ? extraType : union([extraType, ...declared, ...(optional ? [f.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword)] : [])]);
    members.push(
      f.createIndexSignature(undefined, [f.createParameterDeclaration(undefined, undefined, "key", undefined, f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword))], valueType),
    );
  }
  if (members.length === 0 && extra === undefined && schema.properties === undefined) {
    // Not Record<…>: inside an API's namespace a named type may be called Record.
    members.push(f.createIndexSignature(undefined, [f.createParameterDeclaration(undefined, undefined, "key", undefined, f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword))], UNKNOWN()));
  }
  return f.createTypeLiteralNode(members);
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  if (ref === "#") return root;
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(ref);
  if (match === null) return undefined;
  const defs = match[1] === "$defs" ? root.$defs : root.definitions;
  const name = decodeURIComponent(match[2]).replaceAll("~1", "/").replaceAll("~0", "~");
  return defs !== undefined && Object.hasOwn(defs, name) ? defs[name] : undefined;
}
