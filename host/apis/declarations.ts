import ts from "typescript";
import { z } from "zod";
import type { ApiContract } from "../../api-types/define.js";
import { jsonSchemaToTypeNode, withDoc, type JsonSchema } from "./json-schema-to-ts.js";

const f = ts.factory;

/** Explains the code format to whoever reads the declarations: usually an LLM. */
export const DECLARATIONS_HEADER = `// Ghostwire APIs. Write TypeScript: the body of an async function.
// - Use statements and top-level \`await\`; \`return\` a value to make it the result.
// - Call the APIs below through their namespaces; every method returns a Promise.
// - Results are JSON: Date becomes an ISO string, Map an object, Set an array.
// - console.log/info/warn/error/debug are captured and returned as logs.
// - No imports, no DOM, no Node APIs. fetch() reaches only hosts the deployer allows.
`;

const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed, removeComments: false });
const scratch = ts.createSourceFile("declarations.d.ts", "", ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
const cache = new WeakMap<ApiContract, string>();

export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  return z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
}

function methodSignature(name: string, description: string, input: JsonSchema, output: JsonSchema): ts.MethodSignature {
  const optional = (input.required ?? []).length === 0;
  const parameter = f.createParameterDeclaration(
    undefined,
    undefined,
    "input",
    optional ? f.createToken(ts.SyntaxKind.QuestionToken) : undefined,
    jsonSchemaToTypeNode(input),
  );
  const returns = f.createTypeReferenceNode("Promise", [jsonSchemaToTypeNode(output)]);
  const returnsDoc = output.description ? [`@returns ${output.description}`] : [];
  return withDoc(f.createMethodSignature(undefined, name, undefined, undefined, [parameter], returns), [description, ...returnsDoc]);
}

/** The declaration agents see for one API: `declare const <name>: { … }`, with its docs. */
export function declareApi(contract: ApiContract): string {
  const hit = cache.get(contract);
  if (hit !== undefined) return hit;
  const members = Object.entries(contract.methods).map(([name, method]) =>
    methodSignature(name, method.description, toJsonSchema(method.input, "input"), toJsonSchema(method.output, "output")),
  );
  const statement = withDoc(
    f.createVariableStatement(
      [f.createModifier(ts.SyntaxKind.DeclareKeyword)],
      f.createVariableDeclarationList([f.createVariableDeclaration(contract.name, undefined, f.createTypeLiteralNode(members))], ts.NodeFlags.Const),
    ),
    [contract.description],
  );
  // The printer indents by four spaces; two cost agents fewer tokens.
  const text = printer.printNode(ts.EmitHint.Unspecified, statement, scratch).replace(/^(?: {4})+/gm, (indent) => " ".repeat(indent.length / 2));
  cache.set(contract, text);
  return text;
}

/** The declarations of `contracts`, with the header, as one .d.ts text. */
export function declareApis(contracts: readonly ApiContract[]): string {
  return `${DECLARATIONS_HEADER}\n${contracts.map(declareApi).join("\n\n")}\n`;
}

