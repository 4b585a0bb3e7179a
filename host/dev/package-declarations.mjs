// The package's declarations (dist/types/): emitted by tsc, then cut down to
// what the two entry points reach, which may import only what a consumer has.
// Used by host/dev/build-package.mjs.
import { execFile } from "node:child_process";
import { readdir, rm, rmdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";

const run = promisify(execFile);

/**
 * Packages a declaration in dist/types may import: the package's dependencies,
 * its optional peer `ai` (only ghostwire/ai's declarations name it), and the Workers runtime, whose types a consumer's Worker has (wrangler types
 * or @cloudflare/workers-types). A type from anything else (typescript, the
 * MCP SDK) would be `any` for a consumer with skipLibCheck, an error without.
 */
const IMPORTABLE = /^(zod|capnweb|cloudflare:workers|ai)(\/|$)/;

/**
 * Emits declarations into `out` (the future dist/types/) with tsc from
 * host/dev/tsconfig.package.json (the library) and host/dev/tsconfig.client.json
 * (the client, without Workers types), keeps only the declarations
 * `entryPoints` reach (absolute paths of .d.ts files under `out`), and
 * throws if one of them imports a package a consumer lacks.
 */
export async function emitDeclarations(root, out, entryPoints) {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  for (const project of ["tsconfig.package.json", "tsconfig.client.json"]) {
    try {
      await run(process.execPath, [tsc, "-p", join(root, "host", "dev", project), "--outDir", out], { cwd: root });
    } catch (error) {
      throw new Error(`tsc could not emit the declarations of host/dev/${project}; fix the type it names at its source:\n${error.stdout}${error.stderr}`);
    }
  }
  const program = ts.createProgram(entryPoints, { noLib: true, types: [], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler });
  const reached = new Set(program.getSourceFiles().map((file) => file.fileName).filter((name) => name.startsWith(`${out}/`)));
  for (const file of reached) {
    const imports = ts.preProcessFile(program.getSourceFile(file).text, true, true).importedFiles.map((entry) => entry.fileName);
    const foreign = imports.filter((name) => !name.startsWith(".") && !IMPORTABLE.test(name));
    if (foreign.length > 0) throw new Error(`${relative(out, file)} imports ${foreign.join(", ")}, which a consumer of the package does not have; keep those types out of the public API, or make the package depend on them.`);
  }
  const entries = await readdir(out, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !reached.has(path)) await rm(path);
  }
  // Deepest first, so a folder emptied of folders goes too.
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => join(entry.parentPath, entry.name));
  for (const folder of folders.sort((a, b) => b.length - a.length)) {
    if ((await readdir(folder)).length === 0) await rmdir(folder);
  }
  return reached.size;
}
