// Shared by the JS tests: where things are, and how to run the CLI next to the npm package.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const PKG = join(ROOT, "build", "npm");
export const SAMPLE = join(ROOT, "tests", "data", "channel-cis.txt");
export const SCREENSHOTS = join(ROOT, "build", "screenshots");

/** The built package must exist: scripts/build-wasm.sh makes it (scripts/test.sh runs that first). */
export function requireBuild() {
  if (!existsSync(join(PKG, "package.json"))) {
    throw new Error(`${PKG} is missing: run scripts/build-wasm.sh first`);
  }
  return JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
}

let built = false;
/** The release CLI and the corpus generator, built once per test process (a no-op when fresh). */
export function releaseBin(name) {
  if (!built) {
    execFileSync(
      "cargo",
      ["build", "-q", "--release", "--locked", "-p", "tgtext-cli", "-p", "tgtext-tests", "--bin", "tgtext", "--bin", "gen-corpus"],
      { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] },
    );
    built = true;
  }
  return join(ROOT, "target", "release", name);
}

/** Runs `tgtext ARGS...` and returns stdout as a string; throws with stderr when it fails. */
export function cli(args, { input } = {}) {
  const result = spawnSync(releaseBin("tgtext"), args, {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0) {
    throw new Error(`tgtext ${args.join(" ")} exited with ${result.status}: ${result.stderr}`);
  }
  return result.stdout;
}

/** A generated web-preview-text corpus of MB megabytes (`gen-corpus MB SEED`), cached under build/. */
export function corpus(mb, seed) {
  const dir = join(ROOT, "build", "corpus");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `corpus-${mb}mb-seed${seed}.txt`);
  if (!existsSync(path)) {
    const bytes = execFileSync(releaseBin("gen-corpus"), [String(mb), String(seed)], { maxBuffer: 1 << 30 });
    writeFileSync(path, bytes);
  }
  return path;
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), `tgtext-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The report's JSON as the CLI prints it (SPEC §5 "JSON bytes"). */
export function jsonBytes(report) {
  return JSON.stringify(report, null, 2) + "\n";
}
