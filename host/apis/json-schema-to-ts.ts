import ts from "typescript";

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
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  definitions?: Record<string, JsonSchema>;
  default?: unknown;
  format?: string;
  nullable?: boolean;
}

const f = ts.factory;
const MAX_REF_DEPTH = 8;
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

function literal(value: unknown): ts.TypeNode {
  if (value === null) return f.createLiteralTypeNode(f.createNull());
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

export function schemaDocLines(schema: JsonSchema): string[] {
  const lines = schema.description ? [schema.description] : [];
  if (schema.default !== undefined) lines.push(`@default ${JSON.stringify(schema.default)}`);
  return lines;
}

/** Converts a JSON Schema to a TypeScript type node. `root` resolves local `$ref`s. */
export function jsonSchemaToTypeNode(schema: JsonSchema | boolean, root: JsonSchema = typeof schema === "object" ? schema : {}, depth = 0): ts.TypeNode {
  if (schema === true) return f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
  if (schema === false) return f.createKeywordTypeNode(ts.SyntaxKind.NeverKeyword);
  const convert = (s: JsonSchema | boolean) => jsonSchemaToTypeNode(s, root, depth);

  if (schema.$ref !== undefined) {
    const target = resolveRef(schema.$ref, root);
    if (target === undefined || depth >= MAX_REF_DEPTH) return f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword);
    return jsonSchemaToTypeNode(target, root, depth + 1);
  }
  let node = convertShape(schema, convert);
  if (schema.nullable === true) node = union([node, literal(null)]);
  return node;
}

function convertShape(schema: JsonSchema, convert: (s: JsonSchema | boolean) => ts.TypeNode): ts.TypeNode {
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum !== undefined) return union(schema.enum.map(literal));
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return union(alternatives.map(convert));
  if (schema.allOf !== undefined) {
    return schema.allOf.length === 1 ? convert(schema.allOf[0]) : f.createIntersectionTypeNode(schema.allOf.map(convert));
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
  if (tuple !== undefined) return f.createTupleTypeNode(tuple.map(convert));
  const items = schema.items as JsonSchema | undefined;
  return arrayOf(items === undefined ? f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword) : convert(items));
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
    const valueType = extra === true ? f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword) : convert(extra);
    members.push(
      f.createIndexSignature(undefined, [f.createParameterDeclaration(undefined, undefined, "key", undefined, f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword))], valueType),
    );
  }
  if (members.length === 0 && extra === undefined && schema.properties === undefined) {
    return f.createTypeReferenceNode("Record", [f.createKeywordTypeNode(ts.SyntaxKind.StringKeyword), f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)]);
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
