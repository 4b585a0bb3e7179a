import ts from "typescript";
import { metered } from "./check-budget.js";

/**
 * Units (host/execution/check/check-budget.ts) the checks on one WarmChecker
 * may spend together before TypeChecker replaces it with a fresh one.
 *
 * Each check leaves state behind in the checker: its syntax tree, its
 * diagnostics, and the types, instantiations and relations its code created,
 * which the checker caches for the life of its program. All of that was
 * counted when it was created, so this bounds what one warm checker keeps,
 * plus what its last check spent (at most one check's budget). Measured with
 * the 30-line program of test/bench/check-warm-programs.ts: about 2,500
 * units and 250 KB kept per check, so a replacement every 40 such checks,
 * about 10 MB.
 */
export const MAX_WARM_CHECKER_UNITS = 100_000;

/** What this module uses of TypeScript that its public typings leave out. */
interface CompilerInternals {
  bindSourceFile(file: ts.SourceFile, options: ts.CompilerOptions): void;
}

/** The checker's diagnostics of one file, which the public typings leave out: what a program's getSemanticDiagnostics asks it for. */
interface DiagnosingChecker {
  getDiagnostics(file: ts.SourceFile): ts.Diagnostic[];
}

/** A SourceFile's own diagnostics, which the public typings leave out: the parser's and the binder's. */
interface ParsedFile extends ts.SourceFile {
  readonly parseDiagnostics: readonly ts.Diagnostic[];
  readonly bindDiagnostics: readonly ts.Diagnostic[];
}

/** A checker's diagnostic may be one the compiler drops under an option (`noEmit`); the public typings leave the field out. */
interface SkippableDiagnostic extends ts.Diagnostic {
  readonly skippedOn?: keyof ts.CompilerOptions;
}

const compiler = ts as unknown as CompilerInternals;

/** What one check of agent code found, in the module's positions. */
export interface WarmCheckResult {
  /** The parser's errors. */
  readonly syntactic: readonly ts.Diagnostic[];
  /** The binder's and the checker's, as the compiler's own getSemanticDiagnostics filters and orders them. */
  readonly semantic: readonly ts.Diagnostic[];
  /** Units the check spent (host/execution/check/check-budget.ts). */
  readonly units: number;
}

/**
 * One program of the library, the sandbox globals and one set of API
 * declarations, whose one type checker checks agent modules one after
 * another, each outside the program.
 *
 * A new program gets a new checker, which resolves every library type the
 * code touches again (Array and its callbacks, `Promise.all`, their
 * overloads and instantiations): most of a check's time. Kept here, that work
 * is done once for many checks. Agent modules cannot change what the next
 * check sees: the agent's code is the body of a function
 * (host/execution/agent-source.ts), where nothing it declares is global, and
 * each module is a new file, with its own name, bound on its own.
 *
 * Owned by one TypeChecker, which replaces it when its declarations change,
 * when it is `exhausted`, and after a check that threw: a checker stopped
 * halfway must not answer again.
 */
export class WarmChecker {
  readonly declarations: string;
  readonly #options: ts.CompilerOptions;
  readonly #checker: DiagnosingChecker;
  #spent = 0;
  #files = 0;

  /**
   * `libraryFiles`: the parsed library and globals files by name, shared with
   * the caller's language service (parsed and bound once per host); `roots`:
   * the globals file and `declarationsFile`, whose text is `declarations`.
   */
  constructor(
    { libraryFiles, roots, defaultLibFileName, declarationsFile, declarations, options }: {
      libraryFiles: ReadonlyMap<string, ts.SourceFile>;
      roots: readonly string[];
      defaultLibFileName: string;
      declarationsFile: string;
      declarations: string;
      options: ts.CompilerOptions;
    },
  ) {
    this.declarations = declarations;
    this.#options = options;
    const host: ts.CompilerHost = {
      getSourceFile: (fileName, languageVersion) =>
        fileName === declarationsFile ? ts.createSourceFile(fileName, declarations, languageVersion, true, ts.ScriptKind.TS) : libraryFiles.get(fileName),
      getDefaultLibFileName: () => defaultLibFileName,
      writeFile: () => undefined,
      getCurrentDirectory: () => "/",
      getCanonicalFileName: (fileName) => fileName,
      useCaseSensitiveFileNames: () => true,
      getNewLine: () => "\n",
      fileExists: (fileName) => fileName === declarationsFile || libraryFiles.has(fileName),
      readFile: (fileName) => (fileName === declarationsFile ? declarations : libraryFiles.get(fileName)?.text),
    };
    this.#checker = ts.createProgram({ rootNames: roots, options, host }).getTypeChecker() as unknown as DiagnosingChecker;
  }

  /** Whether its checks have spent MAX_WARM_CHECKER_UNITS: the owner should replace it. */
  get exhausted(): boolean {
    return this.#spent >= MAX_WARM_CHECKER_UNITS;
  }

  /**
   * Parses and binds `module` (linear in its size, unmetered), then checks it
   * within `budgetUnits`. Throws CheckBudgetExceeded or RangeError out of
   * the checker when the code costs too much; the owner must then drop this
   * WarmChecker.
   */
  check(module: string, budgetUnits: number): WarmCheckResult {
    const file = ts.createSourceFile(`/agent-${++this.#files}.ts`, module, this.#options.target ?? ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS) as ParsedFile;
    compiler.bindSourceFile(file, this.#options);
    const { value, units } = metered(() => this.#checker.getDiagnostics(file), budgetUnits);
    this.#spent += units;
    const semantic = [...file.bindDiagnostics, ...value].filter((diagnostic: SkippableDiagnostic) => !diagnostic.skippedOn || !this.#options[diagnostic.skippedOn]);
    return { syntactic: ts.sortAndDeduplicateDiagnostics(file.parseDiagnostics), semantic: ts.sortAndDeduplicateDiagnostics(semantic), units };
  }
}
