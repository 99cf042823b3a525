#!/usr/bin/env node
// Builds guest programs (C and assembly under <package>/guest/) into ELF images committed beside their
// sources. Plain Node on purpose: it must run before `npm ci` and without TypeScript.
//
//   node tools/guest/build.mjs [--check] [--verbose] [packageDir...]
//
// Without packageDirs it covers every packages/* and apps/* that has a guest/ folder. --check rebuilds
// in two temporary copies of the guest trees and fails if the two builds differ (not reproducible), if
// a committed image differs or is missing, or if an image contains an absolute path. See README.md.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GCC = 'arm-none-eabi-gcc';
const DEFAULT_CPU = 'arm920t';
const PACKAGE_PARENTS = ['packages', 'apps'];
const TOOLCHAIN_FILE = join(ROOT, 'tools/guest/toolchain.json');
const PROGRAM_KEYS = ['description', 'sources', 'cflags', 'ldflags', 'linkerScript', 'cpu', 'ramBase', 'output', 'variants'];
const VARIANT_KEYS = ['sources', 'cflags', 'ldflags', 'linkerScript', 'cpu', 'ramBase', 'output'];
const SKIP_MESSAGE = `skipped: ${GCC} not found (apt-get install gcc-arm-none-eabi)`;

class UsageError extends Error {}

function main(argv) {
  const options = { check: false, verbose: false, packages: [] };
  for (const arg of argv) {
    if (arg === '--check') options.check = true;
    else if (arg === '--verbose' || arg === '-v') options.verbose = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node tools/guest/build.mjs [--check] [--verbose] [packageDir...]');
      return Promise.resolve(0);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else options.packages.push(arg);
  }
  const packageDirs = selectPackages(options.packages);
  const programs = packageDirs.flatMap((dir) => findPrograms(dir)).flatMap((dir) => loadProgram(dir));
  const toolchain = toolchainVersion();
  if (toolchain === undefined) {
    if (options.check) {
      console.log(SKIP_MESSAGE);
      return Promise.resolve(0);
    }
    console.error(`guest build: ${GCC} not found (apt-get install gcc-arm-none-eabi); committed images left as they are`);
    return Promise.resolve(1);
  }
  if (programs.length === 0) {
    console.log('no guest programs found');
    return Promise.resolve(0);
  }
  return options.check ? check(programs, packageDirs, toolchain, options) : build(programs, toolchain, options);
}

// ---- selecting packages and programs ----

function selectPackages(args) {
  if (args.length === 0) {
    return PACKAGE_PARENTS.flatMap((parent) => listDirs(join(ROOT, parent)).map((name) => join(ROOT, parent, name))).filter((dir) =>
      existsSync(join(dir, 'guest')),
    );
  }
  return args.map((arg) => {
    const dir = resolve(arg);
    const rel = relative(ROOT, dir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`${arg}: not a directory`);
    if (!/^(packages|apps)[\\/][^\\/]+$/.test(rel)) throw new UsageError(`${arg}: not a package directory (packages/<name> or apps/<name>)`);
    return dir;
  });
}

function listDirs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Every directory under <package>/guest holding a guest.json, in a stable order. */
function findPrograms(packageDir) {
  const found = [];
  const walk = (dir) => {
    if (existsSync(join(dir, 'guest.json'))) found.push(dir);
    for (const name of listDirs(dir)) if (name !== 'node_modules' && !name.startsWith('.')) walk(join(dir, name));
  };
  const guestDir = join(packageDir, 'guest');
  if (existsSync(guestDir)) walk(guestDir);
  return found;
}

/** Reads and validates guest.json; returns one build per variant (or one for the program). */
function loadProgram(dir) {
  const rel = relative(ROOT, dir).split(sep).join('/');
  const file = `${rel}/guest.json`;
  let config;
  try {
    config = JSON.parse(readFileSync(join(dir, 'guest.json'), 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: ${error.message}`);
  }
  const fail = (message) => {
    throw new UsageError(`${file}: ${message}`);
  };
  if (typeof config !== 'object' || config === null || Array.isArray(config)) fail('expected a JSON object');
  checkKeys(config, PROGRAM_KEYS, '', fail);
  if (!Array.isArray(config.sources) || config.sources.length === 0) fail('"sources" must be a non-empty array of paths');
  const stem = basename(config.output ?? `${basename(dir)}.elf`, '.elf');
  const base = {
    sources: config.sources,
    cflags: config.cflags ?? [],
    ldflags: config.ldflags ?? [],
    linkerScript: config.linkerScript,
    cpu: config.cpu ?? DEFAULT_CPU,
    ramBase: config.ramBase,
    output: config.output ?? `${stem}.elf`,
  };
  let builds;
  if (config.variants === undefined) {
    builds = [{ ...base, variant: undefined }];
  } else {
    if (typeof config.variants !== 'object' || config.variants === null || Object.keys(config.variants).length === 0) {
      fail('"variants" must be an object with at least one entry');
    }
    builds = Object.entries(config.variants).map(([name, variant]) => {
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) fail(`variant name "${name}" must be letters, digits, "_", "." or "-"`);
      if (typeof variant !== 'object' || variant === null || Array.isArray(variant)) fail(`variant "${name}" must be an object`);
      checkKeys(variant, VARIANT_KEYS, `variants.${name}.`, fail);
      return {
        sources: [...base.sources, ...(variant.sources ?? [])],
        cflags: [...base.cflags, ...(variant.cflags ?? [])],
        ldflags: [...base.ldflags, ...(variant.ldflags ?? [])],
        linkerScript: variant.linkerScript ?? base.linkerScript,
        cpu: variant.cpu ?? base.cpu,
        ramBase: variant.ramBase ?? base.ramBase,
        output: variant.output ?? `${stem}-${name}.elf`,
        variant: name,
      };
    });
  }
  const outputs = new Set();
  for (const b of builds) {
    for (const key of ['sources', 'cflags', 'ldflags']) {
      if (!Array.isArray(b[key]) || !b[key].every((item) => typeof item === 'string')) fail(`"${key}" must be an array of strings`);
    }
    if (typeof b.cpu !== 'string' || !/^[a-z0-9.+-]+$/.test(b.cpu)) fail(`"cpu" must be a GCC -mcpu name, got ${JSON.stringify(b.cpu)}`);
    if (b.ramBase !== undefined && (typeof b.ramBase !== 'string' || !/^0x[0-9a-fA-F]{1,8}$/.test(b.ramBase))) {
      fail(`"ramBase" must be a hex string like "0x30000000", got ${JSON.stringify(b.ramBase)}`);
    }
    if (typeof b.output !== 'string' || !/^[A-Za-z0-9_.-]+\.elf$/.test(b.output)) fail(`"output" must be a file name ending in .elf, got ${JSON.stringify(b.output)}`);
    if (outputs.has(b.output)) fail(`two builds write ${b.output}`);
    outputs.add(b.output);
    for (const path of [...b.sources, ...(b.linkerScript === undefined ? [] : [b.linkerScript])]) checkGuestPath(dir, path, fail);
  }
  return builds.map((b) => ({ ...b, dir: rel }));
}

function checkKeys(object, allowed, prefix, fail) {
  for (const key of Object.keys(object)) if (!allowed.includes(key)) fail(`unknown key "${prefix}${key}" (allowed: ${allowed.join(', ')})`);
}

// Inputs must be relative and inside some package's guest tree, so --check's copy holds everything.
function checkGuestPath(dir, path, fail) {
  if (typeof path !== 'string' || path === '') fail('paths must be non-empty strings');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) fail(`${path}: paths must be relative to the program directory`);
  const full = resolve(dir, path);
  const rel = relative(ROOT, full).split(sep).join('/');
  if (!/^(packages|apps)\/[^/]+\/guest\//.test(rel)) fail(`${path}: inputs must live under some <package>/guest/ folder`);
  if (!existsSync(full)) fail(`${path}: no such file`);
}

// ---- the toolchain ----

function toolchainVersion() {
  const gcc = spawnSync(GCC, ['--version'], { encoding: 'utf8', env: buildEnv() });
  if (gcc.error || gcc.status !== 0) return undefined;
  const ldPath = spawnSync(GCC, ['-print-prog-name=ld'], { encoding: 'utf8', env: buildEnv() }).stdout?.trim();
  const ld = ldPath ? spawnSync(ldPath, ['--version'], { encoding: 'utf8', env: buildEnv() }) : undefined;
  return { gcc: gcc.stdout.split('\n')[0].trim(), ld: ld?.stdout?.split('\n')[0].trim() ?? 'unknown' };
}

// A fixed environment: no locale, time or search-path variables leak into the build.
function buildEnv() {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC', SOURCE_DATE_EPOCH: '0' };
}

const COMPILED = /\.(c|S|s)$/;

/** Flags for compiling one source and for linking, run with cwd = the program directory inside `root`. */
function commonFlags(b, root) {
  return [
    `-mcpu=${b.cpu}`,
    '-O2',
    '-Wall',
    '-Wextra',
    '-Wdate-time',
    '-pipe',
    '-ffunction-sections',
    '-fdata-sections',
    `-ffile-prefix-map=${root}=.`,
    `-frandom-seed=${b.dir}/${b.output}`,
    ...b.cflags,
  ];
}

function linkFlags(b) {
  const debug = b.cflags.some((flag) => /^-g(?!no)/.test(flag));
  return [
    '-nostartfiles',
    '-Wl,--gc-sections',
    '-Wl,--build-id=none',
    '-Wl,-z,max-page-size=0x1000',
    // libgcc carries debug info with the toolchain's build paths; keep it only when asked for -g.
    ...(debug ? [] : ['-Wl,--strip-debug']),
    ...(b.ramBase === undefined ? [] : [`-Wl,--defsym=RAM_BASE=${b.ramBase}`]),
    ...(b.linkerScript === undefined ? [] : [`-T${b.linkerScript}`]),
  ];
}

/**
 * Compiles each source to its own object, then links. Separate objects because ld names the STT_FILE
 * symbol of an assembler object after the object file: gcc's one-step temporaries would make that
 * name random. Objects go to numbered folders so their base names are just the sources' base names.
 */
async function compile(b, root, outPath, verbose) {
  const cwd = join(root, b.dir);
  const objectDir = mkdtempSync(join(tmpdir(), 'l4lab-guest-obj-'));
  let log = '';
  const run = async (args) => {
    if (verbose) console.log(`(cd ${b.dir} && ${GCC} ${args.join(' ')})`);
    const result = await runGcc(args, cwd);
    log += result.output;
    return result.ok;
  };
  try {
    const linkInputs = [];
    for (const [index, source] of b.sources.entries()) {
      if (!COMPILED.test(source)) {
        linkInputs.push(source); // objects and archives go straight to the linker
        continue;
      }
      mkdirSync(join(objectDir, String(index)));
      const object = join(objectDir, String(index), `${basename(source).replace(COMPILED, '')}.o`);
      if (!(await run([...commonFlags(b, root), '-c', source, '-o', object]))) return { ok: false, output: log };
      linkInputs.push(object);
    }
    const ok = await run([...commonFlags(b, root), ...linkFlags(b), ...linkInputs, ...b.ldflags, '-o', outPath]);
    return { ok: ok && existsSync(outPath), output: log };
  } finally {
    rmSync(objectDir, { recursive: true, force: true });
  }
}

function runGcc(args, cwd) {
  return new Promise((done) => {
    const child = spawn(GCC, args, { cwd, env: buildEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => done({ ok: false, output: `${output}${error.message}\n` }));
    child.on('close', (status) => done({ ok: status === 0, output }));
  });
}

async function runAll(items, worker) {
  const results = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(items.length, availableParallelism()) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await worker(items[index]);
    }
  });
  await Promise.all(lanes);
  return results;
}

const label = (b) => `${b.dir}/${b.output}`;

function reportCompileFailures(programs, results) {
  let failed = 0;
  programs.forEach((b, i) => {
    if (!results[i].ok) {
      failed++;
      console.error(`FAILED ${label(b)}\n${results[i].output.trimEnd()}`);
    } else if (results[i].output.trim() !== '') {
      console.error(`warnings in ${label(b)}:\n${results[i].output.trimEnd()}`);
    }
  });
  return failed;
}

// ---- build: compile in place, replace committed images only when their bytes change ----

async function build(programs, toolchain, options) {
  const staging = mkdtempSync(join(tmpdir(), 'l4lab-guest-'));
  try {
    const results = await runAll(programs, (b) => compile(b, ROOT, join(staging, `${programs.indexOf(b)}.elf`), options.verbose));
    if (reportCompileFailures(programs, results) > 0) return 1;
    programs.forEach((b, i) => {
      const fresh = readFileSync(join(staging, `${i}.elf`));
      const target = join(ROOT, b.dir, b.output);
      const old = existsSync(target) ? readFileSync(target) : undefined;
      const leak = absolutePathIn(fresh, [ROOT, staging]);
      if (leak) console.error(`warning: ${label(b)} contains the absolute path ${leak}`);
      if (old !== undefined && old.equals(fresh)) {
        console.log(`unchanged ${label(b)}`);
      } else {
        writeFileSync(target, fresh, { mode: 0o755 }); // executable, like a linker's output (qemu-arm needs it)
        console.log(`${old === undefined ? 'created' : 'updated'} ${label(b)} (${fresh.length} bytes)`);
      }
    });
    const recorded = readRecordedToolchain();
    if (JSON.stringify(recorded) !== JSON.stringify(toolchain)) {
      writeFileSync(TOOLCHAIN_FILE, `${JSON.stringify(toolchain, null, 2)}\n`);
      console.log(`recorded toolchain in ${relative(ROOT, TOOLCHAIN_FILE)}: ${toolchain.gcc}; ${toolchain.ld}`);
    }
    return 0;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function readRecordedToolchain() {
  try {
    return JSON.parse(readFileSync(TOOLCHAIN_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

// ---- check: rebuild in two differently placed copies and compare with each other and with the commit ----

/** Copies every guest tree (without built images) so cross-package relative paths still resolve. */
function copyGuestTrees(root) {
  for (const parent of PACKAGE_PARENTS) {
    for (const name of listDirs(join(ROOT, parent))) {
      const from = join(ROOT, parent, name, 'guest');
      if (!existsSync(from)) continue;
      cpSync(from, join(root, parent, name, 'guest'), { recursive: true, filter: (path) => !path.endsWith('.elf') && !path.endsWith('.o') });
    }
  }
}

function absolutePathIn(bytes, paths) {
  return paths.find((path) => bytes.includes(Buffer.from(path)));
}

async function check(programs, packageDirs, toolchain, options) {
  const tempA = mkdtempSync(join(tmpdir(), 'l4lab-guest-a-'));
  const tempB = mkdtempSync(join(tmpdir(), 'l4lab-guest-b-'));
  // Different lengths and depths, so any path that reaches the output changes its bytes.
  const rootA = tempA;
  const rootB = join(tempB, 'another', 'checkout');
  try {
    for (const root of [rootA, rootB]) {
      mkdirSync(root, { recursive: true });
      copyGuestTrees(root);
    }
    const jobs = programs.flatMap((b) => [
      { b, root: rootA },
      { b, root: rootB },
    ]);
    const results = await runAll(jobs, ({ b, root }) => compile(b, root, join(root, b.dir, b.output), options.verbose));
    if (reportCompileFailures(jobs.map((job) => job.b), results) > 0) return 1;

    const problems = [];
    for (const b of programs) {
      const a = readFileSync(join(rootA, b.dir, b.output));
      const other = readFileSync(join(rootB, b.dir, b.output));
      const committedPath = join(ROOT, b.dir, b.output);
      const leak = absolutePathIn(a, [rootA, ROOT]) ?? absolutePathIn(other, [rootB, ROOT]);
      if (!a.equals(other)) problems.push(`not reproducible: ${label(b)} (two builds in different folders differ)`);
      if (leak) problems.push(`absolute path in image: ${label(b)} contains ${leak}`);
      if (!existsSync(committedPath)) problems.push(`missing: ${label(b)}`);
      else if (!readFileSync(committedPath).equals(a)) problems.push(`differs: ${label(b)}`);
    }
    const produced = new Set(programs.map((b) => join(ROOT, b.dir, b.output)));
    for (const dir of packageDirs) {
      for (const elf of listFiles(join(dir, 'guest'), '.elf')) {
        if (!produced.has(elf)) console.warn(`warning: ${relative(ROOT, elf)} is not produced by any guest.json`);
      }
    }
    if (problems.length > 0) {
      console.error(problems.join('\n'));
      const recorded = readRecordedToolchain();
      if (recorded && JSON.stringify(recorded) !== JSON.stringify(toolchain)) {
        console.error(`note: images were built with ${recorded.gcc}; ${recorded.ld}\n      this toolchain is ${toolchain.gcc}; ${toolchain.ld}`);
      }
      console.error(`guest check failed: ${problems.length} problem(s); run \`npm run guest\` with the recorded toolchain to rebuild`);
      return 1;
    }
    console.log(`guest images: ${programs.length} up to date and reproducible (${toolchain.gcc})`);
    return 0;
  } finally {
    rmSync(tempA, { recursive: true, force: true });
    rmSync(tempB, { recursive: true, force: true });
  }
}

function listFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listFiles(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`guest build: ${error.message}`);
  process.exitCode = 1;
}
