import ts from "typescript";
import { DEFAULT_LIB, EXTRA_LIBS, LIB_FILES, SANDBOX_GLOBALS_DTS } from "../../host/generated/type-environment.js";

/** The generated sandbox globals, as the file name `sandboxProgram` gives them. */
export const GLOBALS_FILE = "/globals.d.ts";

/**
 * A TypeScript program over the type environment agent code is checked
 * against (the generated ES library files and, with `globals`, the sandbox's
 * Workers globals) plus `files`, all in memory: for tests that need the
 * compiler's view of that environment, or `tsc --strict` over declarations.
 */
export function sandboxProgram(files: Readonly<Record<string, string>>, options: { globals?: boolean; compilerOptions?: ts.CompilerOptions } = {}): ts.Program {
  const all = new Map<string, string>(Object.entries(files));
  if (options.globals === true) all.set(GLOBALS_FILE, SANDBOX_GLOBALS_DTS);
  for (const [name, text] of Object.entries(LIB_FILES)) all.set(`/lib/${name}`, text);
  const host: ts.CompilerHost = {
    getSourceFile: (name, target) => (all.has(name) ? ts.createSourceFile(name, all.get(name)!, target) : undefined),
    getDefaultLibFileName: () => `/lib/${DEFAULT_LIB}`,
    getDefaultLibLocation: () => "/lib",
    writeFile: () => undefined,
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (name) => all.has(name),
    readFile: (name) => all.get(name),
  };
  const compilerOptions: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    lib: [DEFAULT_LIB, ...EXTRA_LIBS],
    types: [],
    ...options.compilerOptions,
  };
  const roots = [...(options.globals === true ? [GLOBALS_FILE] : []), ...Object.keys(files)];
  return ts.createProgram(roots, compilerOptions, host);
}
