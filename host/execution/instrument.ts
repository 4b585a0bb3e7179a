import ts from "typescript";

/**
 * CPU-fuel instrumentation of the agent's module, as a TypeScript `before`
 * transformer, so the source map still points at the agent's own lines.
 *
 * Local workerd does not enforce CPU limits, and clocks do not advance during
 * synchronous code, so a runaway loop is stopped by counting operations: every
 * construct that can run without bound calls the fuel binding once per step.
 * - each iteration of for, for-in, for-of, for-await, while and do-while (at
 *   the top of the body, so `continue` paths pay too);
 * - each entry into a function, method, arrow, getter, setter, constructor or
 *   class static block, which covers recursion, generators, async functions
 *   and callbacks handed to built-ins (map, sort, then, setTimeout, …);
 * - each evaluation of code a class runs outside any function body: instance
 *   and static field initializers (run at every construction, before any
 *   constructor body), computed member names, the `extends` expression and
 *   decorators;
 * - each evaluation of a generator's parameter initializers and computed
 *   keys in its parameter patterns: they run when the generator is called,
 *   while its body, and the body's burn, waits for the first next().
 * An initializer that runs no code of its own (a literal, or a function or
 * class definition, whose own code burns) is left alone, so function names
 * inferred from fields (`go = () => …` is named "go") stay as they are. With
 * these, no agent code can repeat without burning: between two burns only
 * straight-line code runs, bounded by the code size limit.
 *
 * The module `export default async function () { body }` becomes
 * `export default function (__gw_fuel) { return async function () { body } }`.
 * The sandbox runtime calls the factory once with its frozen `burn`. Agent code
 * cannot name `__gw_fuel` (the `__gw_` prefix is refused), cannot reach it
 * through `arguments` (the body runs in the inner function), and cannot load
 * the module again to call the factory with a fake (`import()` is refused;
 * workerd refuses eval, new Function and Wasm compilation).
 */
export const FUEL_BINDING = "__gw_fuel";
export const RESERVED_PREFIX = "__gw_";

/** Codes of the diagnostics instrumentation adds; outside TypeScript's range. */
export const INSTRUMENT_DIAGNOSTIC = { reservedName: 90001, dynamicImport: 90002, leavesFunction: 90003 } as const;

export interface Instrumentation {
  readonly transformers: ts.CustomTransformers;
  /** Why the code cannot run, found while transforming; read after transpiling. */
  readonly refusals: readonly ts.Diagnostic[];
}

function refusal(file: ts.SourceFile, node: ts.Node, code: number, message: string): ts.Diagnostic {
  const start = node.getStart(file);
  return { file, start, length: node.end - start, code, messageText: message, category: ts.DiagnosticCategory.Error };
}

/** Finds what would let agent code reach or bypass the fuel binding. */
function findRefusals(file: ts.SourceFile): ts.Diagnostic[] {
  const found: ts.Diagnostic[] = [];
  const [wrapper, ...rest] = file.statements;
  if (rest.length > 0 || !ts.isFunctionDeclaration(wrapper) || wrapper.body === undefined) {
    found.push(
      refusal(file, file.statements[1] ?? file, INSTRUMENT_DIAGNOSTIC.leavesFunction,
        "The code closes the function it runs in (an unbalanced `}`). Send statements, or one function expression."),
    );
  }
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text.startsWith(RESERVED_PREFIX)) {
      found.push(refusal(file, node, INSTRUMENT_DIAGNOSTIC.reservedName,
        `The name \`${node.text}\` starts with ${RESERVED_PREFIX}, which is reserved for the sandbox. Rename it.`));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      found.push(refusal(file, node, INSTRUMENT_DIAGNOSTIC.dynamicImport,
        "import() is not available: the sandbox has no modules to load. Call the granted APIs instead."));
    } else if (ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword) {
      found.push(refusal(file, node, INSTRUMENT_DIAGNOSTIC.dynamicImport,
        "import.meta is not available: agent code does not run as a module of its own."));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Whether evaluating `expression` can run agent code itself: not for literals, nor for function and class definitions, whose code burns on its own. */
function runsCode(expression: ts.Expression): boolean {
  if (ts.isLiteralExpression(expression) || ts.isArrowFunction(expression) || ts.isFunctionExpression(expression) || ts.isClassExpression(expression)) return false;
  const { kind } = expression;
  return kind !== ts.SyntaxKind.TrueKeyword && kind !== ts.SyntaxKind.FalseKeyword && kind !== ts.SyntaxKind.NullKeyword;
}

/**
 * Instrumentation for one transpile: pass `transformers` to `transpile()`,
 * then read `refusals`. Create a new one per execution.
 */
export function createInstrumentation(): Instrumentation {
  const refusals: ts.Diagnostic[] = [];
  const before = (context: ts.TransformationContext) => (file: ts.SourceFile): ts.SourceFile => {
    const { factory } = context;
    refusals.push(...findRefusals(file));
    // Refused code is never emitted: the transforms after this one get an empty module.
    if (refusals.length > 0) return factory.updateSourceFile(file, []);

    /** `__gw_fuel();`, mapped to `anchor` so a stop reports the anchor's line. */
    const burn = (anchor: ts.Node): ts.Statement => {
      const call = factory.createCallExpression(factory.createIdentifier(FUEL_BINDING), undefined, []);
      const statement = factory.createExpressionStatement(call);
      const range = { pos: anchor.getStart(file), end: anchor.end };
      ts.setSourceMapRange(call, range);
      ts.setSourceMapRange(statement, range);
      return statement;
    };

    const loopBody = (body: ts.Statement, anchor: ts.Node): ts.Statement =>
      ts.isBlock(body) ? factory.updateBlock(body, [burn(anchor), ...body.statements]) : factory.createBlock([burn(anchor), body], true);

    /** Prepends the burn, after any directive prologue ("use strict"); an expression body becomes a block. */
    const functionBody = (body: ts.ConciseBody, anchor: ts.Node): ts.Block => {
      if (!ts.isBlock(body)) {
        const returned = ts.setTextRange(factory.createReturnStatement(body), body);
        return factory.createBlock([burn(anchor), returned], true);
      }
      const prologue = body.statements.findIndex((s) => !(ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression)));
      const split = prologue === -1 ? body.statements.length : prologue;
      return factory.updateBlock(body, [...body.statements.slice(0, split), burn(anchor), ...body.statements.slice(split)]);
    };

    /** `(__gw_fuel(), expression)`, the burn mapped to `anchor`; an expression that runs no code itself is returned as it is. */
    const burnBefore = (expression: ts.Expression, anchor: ts.Node): ts.Expression => {
      if (!runsCode(expression)) return expression;
      const call = factory.createCallExpression(factory.createIdentifier(FUEL_BINDING), undefined, []);
      ts.setSourceMapRange(call, { pos: anchor.getStart(file), end: anchor.end });
      return factory.createParenthesizedExpression(factory.createComma(call, expression));
    };
    const burnBeforeOptional = (expression: ts.Expression | undefined, anchor: ts.Node | undefined) =>
      expression === undefined || anchor === undefined ? expression : burnBefore(expression, anchor);

    /** A generator's parameter, with a burn before each initializer and computed key in it (`original` is the untransformed node). */
    const generatorBinding = <T extends ts.ParameterDeclaration | ts.BindingElement>(node: T, original: T): T => {
      const name = bindingName(node.name, original.name);
      const initializer = burnBeforeOptional(node.initializer, original.initializer);
      if (ts.isParameter(node)) {
        return factory.updateParameterDeclaration(node, node.modifiers, node.dotDotDotToken, name, node.questionToken, node.type, initializer) as T;
      }
      const element = node as ts.BindingElement;
      const originalElement = original as ts.BindingElement;
      const propertyName =
        element.propertyName !== undefined && ts.isComputedPropertyName(element.propertyName) && originalElement.propertyName !== undefined && ts.isComputedPropertyName(originalElement.propertyName)
          ? factory.updateComputedPropertyName(element.propertyName, burnBefore(element.propertyName.expression, originalElement.propertyName.expression))
          : element.propertyName;
      return factory.updateBindingElement(element, element.dotDotDotToken, propertyName, name, initializer) as T;
    };
    const bindingName = (name: ts.BindingName, original: ts.BindingName): ts.BindingName => {
      if (ts.isIdentifier(name) || ts.isIdentifier(original)) return name;
      const originals = original.elements as ts.NodeArray<ts.ArrayBindingElement>;
      const elements = (name.elements as ts.NodeArray<ts.ArrayBindingElement>).map((element, i) =>
        ts.isBindingElement(element) ? generatorBinding(element, originals[i] as ts.BindingElement) : element,
      );
      return ts.isObjectBindingPattern(name)
        ? factory.updateObjectBindingPattern(name, elements as ts.BindingElement[])
        : factory.updateArrayBindingPattern(name as ts.ArrayBindingPattern, elements);
    };
    const generatorParameters = (node: ts.SignatureDeclarationBase, original: ts.SignatureDeclarationBase) =>
      factory.createNodeArray(node.parameters.map((parameter, i) => generatorBinding(parameter, original.parameters[i])));

    const visit = (original: ts.Node): ts.Node => {
      const node = ts.visitEachChild(original, visit, context);
      const f = factory;
      if (ts.isPropertyDeclaration(node) && node.initializer !== undefined) {
        const { initializer } = original as ts.PropertyDeclaration;
        return f.updatePropertyDeclaration(node, node.modifiers, node.name, node.questionToken ?? node.exclamationToken, node.type, burnBefore(node.initializer, initializer!));
      }
      if (ts.isComputedPropertyName(node) && ts.isClassElement(original.parent) && ts.isClassLike(original.parent.parent)) {
        return f.updateComputedPropertyName(node, burnBefore(node.expression, (original as ts.ComputedPropertyName).expression));
      }
      if (ts.isClassStaticBlockDeclaration(node)) return f.updateClassStaticBlockDeclaration(node, loopBody(node.body, original) as ts.Block);
      if (ts.isExpressionWithTypeArguments(node) && ts.isHeritageClause(original.parent) && original.parent.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(original.parent.parent)) {
        const expression = burnBefore(node.expression, (original as ts.ExpressionWithTypeArguments).expression);
        return f.updateExpressionWithTypeArguments(node, expression as ts.LeftHandSideExpression, node.typeArguments);
      }
      if (ts.isDecorator(node)) return f.updateDecorator(node, burnBefore(node.expression, (original as ts.Decorator).expression));
      if (ts.isForStatement(node)) return f.updateForStatement(node, node.initializer, node.condition, node.incrementor, loopBody(node.statement, original));
      if (ts.isForInStatement(node)) return f.updateForInStatement(node, node.initializer, node.expression, loopBody(node.statement, original));
      if (ts.isForOfStatement(node)) return f.updateForOfStatement(node, node.awaitModifier, node.initializer, node.expression, loopBody(node.statement, original));
      if (ts.isWhileStatement(node)) return f.updateWhileStatement(node, node.expression, loopBody(node.statement, original));
      if (ts.isDoStatement(node)) return f.updateDoStatement(node, loopBody(node.statement, original), node.expression);
      if (ts.isFunctionDeclaration(node) && node.body) {
        const parameters = node.asteriskToken ? generatorParameters(node, original as ts.FunctionDeclaration) : node.parameters;
        return f.updateFunctionDeclaration(node, node.modifiers, node.asteriskToken, node.name, node.typeParameters, parameters, node.type, functionBody(node.body, original));
      }
      if (ts.isFunctionExpression(node)) {
        const parameters = node.asteriskToken ? generatorParameters(node, original as ts.FunctionExpression) : node.parameters;
        return f.updateFunctionExpression(node, node.modifiers, node.asteriskToken, node.name, node.typeParameters, parameters, node.type, functionBody(node.body, original));
      }
      if (ts.isArrowFunction(node)) {
        return f.updateArrowFunction(node, node.modifiers, node.typeParameters, node.parameters, node.type, node.equalsGreaterThanToken, functionBody(node.body, original));
      }
      if (ts.isMethodDeclaration(node) && node.body) {
        const parameters = node.asteriskToken ? generatorParameters(node, original as ts.MethodDeclaration) : node.parameters;
        return f.updateMethodDeclaration(node, node.modifiers, node.asteriskToken, node.name, node.questionToken, node.typeParameters, parameters, node.type, functionBody(node.body, original));
      }
      if (ts.isGetAccessorDeclaration(node) && node.body) {
        return f.updateGetAccessorDeclaration(node, node.modifiers, node.name, node.parameters, node.type, functionBody(node.body, original));
      }
      if (ts.isSetAccessorDeclaration(node) && node.body) {
        return f.updateSetAccessorDeclaration(node, node.modifiers, node.name, node.parameters, functionBody(node.body, original));
      }
      if (ts.isConstructorDeclaration(node) && node.body) {
        return f.updateConstructorDeclaration(node, node.modifiers, node.parameters, functionBody(node.body, original));
      }
      return node;
    };

    // The wrapper itself: its body is the agent's code, instrumented; the
    // wrapper becomes the factory that receives the fuel binding.
    const wrapper = file.statements[0] as ts.FunctionDeclaration & { body: ts.Block };
    const body = wrapper.body.statements.map((statement) => ts.visitNode(statement, visit, ts.isStatement));
    const agent = factory.createFunctionExpression(
      [factory.createModifier(ts.SyntaxKind.AsyncKeyword)], undefined, undefined, undefined, [], undefined,
      factory.updateBlock(wrapper.body, body),
    );
    const factoryFunction = factory.updateFunctionDeclaration(
      wrapper, [factory.createModifier(ts.SyntaxKind.ExportKeyword), factory.createModifier(ts.SyntaxKind.DefaultKeyword)],
      undefined, undefined, undefined, [factory.createParameterDeclaration(undefined, undefined, FUEL_BINDING)], undefined,
      factory.createBlock([factory.createReturnStatement(agent)], true),
    );
    return factory.updateSourceFile(file, [factoryFunction]);
  };
  return { transformers: { before: [before] }, refusals };
}
