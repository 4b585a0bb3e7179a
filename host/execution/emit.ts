import ts from "typescript";

/**
 * TypeScript's emit of one agent module, without the Program that
 * `ts.transpileModule` builds around it.
 *
 * transpileModule parses the text, builds a Program, creates a type checker
 * for it (its emit resolver) and only then transforms and prints. Creating
 * the checker is most of its cost (about 60 %: thousands of closures, and
 * the garbage they leave), yet the transforms ask the resolver nothing for
 * most code: only TypeScript-only constructs (enum, namespace, decorators,
 * parameter properties) and generated names do. Here the resolver is lazy:
 * the Program and its checker are built on the first question, from the same
 * parsed file and the same options, so the answers are transpileModule's.
 * The JavaScript and the source map are byte for byte transpileModule's
 * (test/workerd/execution/emit.test.ts holds them side by side).
 *
 * It calls TypeScript internals that the public typings do not declare
 * (TypeScriptInternals below); `typescript` is pinned in package.json, and
 * the side-by-side test fails when an upgrade changes any of them.
 */

/** What transpileModule uses for a module on its own (its transpile options), with this host's target. */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  sourceMap: true,
  isolatedModules: true,
  removeComments: true,
  noCheck: true,
  noLib: true,
  noResolve: true,
  declaration: false,
  suppressOutputPathCheck: true,
  allowNonTsExtensions: true,
  newLine: ts.NewLineKind.LineFeed,
};
const NEW_LINE = "\n";

/** The emit resolver's questions; the transforms and the printer call them by name. */
type EmitResolver = Record<string, (...args: unknown[]) => unknown>;

interface Transformation {
  readonly transformed: readonly ts.SourceFile[];
  readonly substituteNode: unknown;
  readonly emitNodeWithNotification: unknown;
  readonly isEmitNotificationEnabled: unknown;
  dispose(): void;
}
interface TextWriter {
  getText(): string;
}
interface SourceMapGenerator {
  toJSON(): { mappings: string };
}
interface Printer extends ts.Printer {
  writeFile(file: ts.SourceFile, writer: TextWriter, sourceMap: SourceMapGenerator): void;
}
/** The host the transforms may ask about the file; for a lone ES module they ask only this. */
interface EmitHost {
  getCompilerOptions(): ts.CompilerOptions;
  getEmitModuleFormatOfFile(): ts.ModuleKind;
  getCurrentDirectory(): string;
  getCanonicalFileName(name: string): string;
  getNewLine(): string;
}

/** The internals program.emit runs with: transform pipeline, printer with source maps, parse diagnostics, emit resolver. */
interface TypeScriptInternals {
  getTransformers(options: ts.CompilerOptions, custom?: ts.CustomTransformers): { scriptTransformers: readonly unknown[] };
  transformNodes(resolver: EmitResolver, host: EmitHost, factory: ts.NodeFactory, options: ts.CompilerOptions, nodes: readonly ts.SourceFile[], transformers: readonly unknown[], allowDtsFiles: boolean): Transformation;
  createTextWriter(newLine: string): TextWriter;
  createSourceMapGenerator(host: EmitHost, file: string, sourceRoot: string, sourcesDirectoryPath: string, options: ts.CompilerOptions): SourceMapGenerator;
  createPrinter(options: ts.PrinterOptions & { module?: ts.ModuleKind; target?: ts.ScriptTarget; sourceMap?: boolean }, handlers: object): Printer;
}
const internals = ts as unknown as TypeScriptInternals;

const EMIT_HOST: EmitHost = {
  getCompilerOptions: () => OPTIONS,
  getEmitModuleFormatOfFile: () => ts.ModuleKind.ESNext,
  getCurrentDirectory: () => "",
  getCanonicalFileName: (name) => name,
  getNewLine: () => NEW_LINE,
};

/** The emit resolver of a Program holding only `file`, built on the first question asked of it. */
function lazyResolver(file: ts.SourceFile): EmitResolver {
  let resolver: EmitResolver | undefined;
  const real = (): EmitResolver => {
    if (resolver !== undefined) return resolver;
    const host: ts.CompilerHost = {
      getSourceFile: (name) => (name === file.fileName ? file : undefined),
      writeFile: () => undefined,
      getDefaultLibFileName: () => "lib.d.ts",
      useCaseSensitiveFileNames: () => false,
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => "",
      getNewLine: () => NEW_LINE,
      fileExists: (name) => name === file.fileName,
      readFile: () => "",
    };
    const checker = ts.createProgram([file.fileName], OPTIONS, host).getTypeChecker() as unknown as { getEmitResolver(file: ts.SourceFile, token: undefined, skipDiagnostics: boolean): EmitResolver };
    resolver = checker.getEmitResolver(file, undefined, true);
    return resolver;
  };
  return new Proxy({} as EmitResolver, { get: (_, name: string) => (...args: unknown[]) => real()[name](...args) });
}

/** A parsed agent module: its syntax errors, if any, and the tree `emit` transforms. */
export function parseModule(fileName: string, text: string): { file: ts.SourceFile; syntaxErrors: readonly ts.Diagnostic[] } {
  const file = ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.ES2022, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, ts.ScriptKind.TS);
  return { file, syntaxErrors: (file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics };
}

/**
 * The JavaScript of `file` (which parsed without errors) and its source map's
 * mappings, `transformers` applied before TypeScript's own.
 */
export function emit(file: ts.SourceFile, outputName: string, transformers?: ts.CustomTransformers): { js: string; mappings: string } {
  const resolver = lazyResolver(file);
  const transformation = internals.transformNodes(resolver, EMIT_HOST, ts.factory, OPTIONS, [file], internals.getTransformers(OPTIONS, transformers).scriptTransformers, false);
  try {
    const printer = internals.createPrinter(
      { removeComments: true, newLine: OPTIONS.newLine, module: OPTIONS.module, target: OPTIONS.target, sourceMap: true },
      {
        hasGlobalName: resolver.hasGlobalName,
        onEmitNode: transformation.emitNodeWithNotification,
        isEmitNotificationEnabled: transformation.isEmitNotificationEnabled,
        substituteNode: transformation.substituteNode,
      },
    );
    const writer = internals.createTextWriter(NEW_LINE);
    const sourceMap = internals.createSourceMapGenerator(EMIT_HOST, outputName, "", "", OPTIONS);
    printer.writeFile(transformation.transformed[0], writer, sourceMap);
    return { js: writer.getText(), mappings: sourceMap.toJSON().mappings };
  } finally {
    transformation.dispose();
  }
}
