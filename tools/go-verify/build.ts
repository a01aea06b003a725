/**
 * Builds the `go-verify` binary (main.go) fully offline: Go from Debian's `golang-go`, and
 * `golang.org/x/mod` from Debian's `golang-golang-x-mod-dev` source, reached through the
 * directory `replace` in go.mod, so no module download, proxy or checksum database is involved.
 *
 * Test support: nothing in the app imports it. See README.md.
 * @module
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** This folder: main.go, go.mod, and bin/ (git-ignored) for the built binary. */
export const GO_VERIFY_DIR = import.meta.dirname;

/** Where Debian's golang-golang-x-mod-dev installs the source (the go.mod `replace` target). */
export const DEBIAN_X_MOD_DIR = '/usr/share/gocode/src/golang.org/x/mod';

/** What to install when Go or the x/mod source is missing (Debian/Ubuntu package names). */
export const GO_VERIFY_MISSING_MESSAGE =
  'go-verify needs Go and the golang.org/x/mod source: apt-get install -y golang-go golang-golang-x-mod-dev';

/**
 * Environment for an offline build. GOPROXY=off forbids any download; -mod=readonly keeps go.mod
 * as committed; GOWORK=off ignores a stray go.work; GOTOOLCHAIN=local stops Go >= 1.21 from
 * fetching another toolchain; CGO_ENABLED=0 needs no C compiler and gives a static binary.
 * GOCACHE must exist: when neither it nor HOME/XDG_CACHE_HOME is set (some CI), use a temp one.
 */
export function offlineGoEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const hasCache = Boolean(env.GOCACHE || env.HOME || env.XDG_CACHE_HOME);
  return {
    ...env,
    GOPROXY: 'off',
    GOSUMDB: 'off',
    GOFLAGS: '-mod=readonly',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    GOTELEMETRY: 'off',
    CGO_ENABLED: '0',
    ...(hasCache ? {} : { GOCACHE: path.join(tmpdir(), 'verity-go-build-cache') }),
  };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function hasGo(env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    await execFileAsync('go', ['version'], { env, timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

async function build(): Promise<string | null> {
  const env = offlineGoEnv();
  // VERITY_GO_X_MOD_DIR points at another copy of the x/mod source (e.g. a module cache
  // directory on a non-Debian machine); the build then uses a temporary go.mod replacing to it.
  const xmod = process.env.VERITY_GO_X_MOD_DIR || DEBIAN_X_MOD_DIR;
  const sources = ['sumdb/note/note.go', 'sumdb/tlog/tlog.go'].map((file) => path.join(xmod, file));
  if (!(await hasGo(env))) return null;
  for (const file of sources) if (!(await exists(file))) return null;

  const binDir = path.join(GO_VERIFY_DIR, 'bin');
  await mkdir(binDir, { recursive: true });
  const binary = path.join(binDir, 'go-verify');
  // Build under a unique name and rename: parallel test files may build at the same time, and
  // rename is atomic, so no one ever runs a half-written binary.
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const partial = path.join(binDir, `go-verify.${unique}.tmp`);
  const args = ['build', '-trimpath', '-o', partial];
  let modfile: string | undefined;
  if (xmod !== DEBIAN_X_MOD_DIR) {
    // -modfile must end in .mod; its go.sum sibling is not needed for a directory replacement.
    modfile = path.join(binDir, `go.${unique}.mod`);
    await writeFile(
      modfile,
      `module verity.example/tools/go-verify\n\ngo 1.19\n\nrequire golang.org/x/mod v0.7.0\n\nreplace golang.org/x/mod => ${xmod}\n`,
    );
    args.push(`-modfile=${modfile}`);
  }
  args.push('.');
  try {
    await execFileAsync('go', args, { cwd: GO_VERIFY_DIR, env, timeout: 300_000 });
    await rename(partial, binary);
  } catch (error) {
    await rm(partial, { force: true });
    // Go and x/mod are present, so a failed build is a real problem: report it, do not skip.
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(`go build of tools/go-verify failed: ${typeof stderr === 'string' ? stderr : String(error)}`);
  } finally {
    if (modfile) await rm(modfile, { force: true });
  }
  return binary;
}

let building: Promise<string | null> | undefined;

/**
 * Builds tools/go-verify/bin/go-verify (once per process; Go's build cache makes rebuilds cheap)
 * and returns its absolute path, or null when `go` or the golang.org/x/mod source is not installed.
 * Throws if they are installed but the build fails.
 */
export function buildGoVerifier(): Promise<string | null> {
  building ??= build().catch((error: unknown) => {
    building = undefined; // let a later call retry
    throw error;
  });
  return building;
}
