/**
 * `nx run arm-core:bench`: runs the CPU benchmark programs (guest/bench/*) on arm-core for each core, timing
 * mode and memory configuration, and on qemu-arm (the speed peer) when it is installed; prints guest
 * instructions, host seconds and MIPS per program and overall, QEMU's best-of-N time and the ratio, and
 * checks that arm-core prints what QEMU prints. Benchmarks measure; they never assert speed. The exit
 * status is non-zero only when an output is wrong or a run fails.
 *
 *   npx nx run arm-core:bench [-- options]
 *   npm run -s bench -- --json > results.json          (in packages/arm-core: nothing but the JSON on stdout;
 *                                                       nx and a non-silent npm print banners there too)
 *
 * Wall-clock time (process.hrtime) is what MIPS is computed from; the process's CPU time is recorded beside
 * it because a busy host stretches the wall clock. QEMU's time is the best of N runs of the same image with
 * the same arguments, measured around spawnSync, so it includes QEMU's start-up; the "net" figures subtract
 * the start-up time of a one-iteration run. Result files are not committed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BENCH_PROGRAMS, EXPECTED_OUTPUT, type BenchProgram } from './expected-output.js';
import {
  BENCH_CORES,
  BENCH_ENGINES,
  BENCH_MEMORY,
  CoreUnavailableError,
  createBenchMachine,
  loadLinuxProgram,
  type BenchCore,
  type BenchEngine,
  type BenchMemory,
  type BenchTiming,
  type LinuxRunResult,
} from './linux-runner.js';

const TIMINGS: readonly BenchTiming[] = ['functional', 'cycle'];
const QEMU = 'qemu-arm';
/** QEMU CPU model for the images: ARMv4T, like the ARM920T they are compiled for. */
const QEMU_CPU = 'ti925t';
const USAGE = `usage: bench/run.ts [options]
  --json                 print the results as JSON on stdout (the tables go to stderr);
                         use \`npm run -s bench -- --json\` for stdout without nx/npm banners
  --cores LIST           cores, comma-separated (default ${BENCH_CORES.join(',')})
  --timing LIST          timing modes (default ${TIMINGS.join(',')})
  --memory LIST          memory configurations: flat (MMU and caches off), cached (identity map,
                         MMU + I/D caches on) (default flat,cached)
  --engine LIST          blocks (translated blocks where possible, the machine's default) and/or
                         interpreter (the reference alone); cycle timing always interprets
                         (default blocks)
  --programs LIST        programs (default ${BENCH_PROGRAMS.join(',')})
  --iterations N         pass N to every program instead of its built-in count
  --quick                same as --iterations 1
  --qemu-runs N          QEMU runs per program, best taken (default 3; 0 = skip QEMU)
  --no-warmup            skip the untimed warm-up pass before each configuration
  --max-instructions N   stop a run after N instructions (default 4e9)`;

class UsageError extends Error {}

interface Options {
  json: boolean;
  cores: BenchCore[];
  timings: BenchTiming[];
  memories: BenchMemory[];
  engines: BenchEngine[];
  programs: BenchProgram[];
  iterations: number | undefined;
  qemuRuns: number;
  warmup: boolean;
  maxInstructions: number;
}

function parseList<T extends string>(value: string | undefined, known: readonly T[], what: string): T[] {
  if (!value) throw new UsageError(`${what}: expected a comma-separated list`);
  const items = value.split(',').map((s) => s.trim());
  for (const item of items) if (!known.includes(item as T)) throw new UsageError(`unknown ${what} '${item}' (known: ${known.join(', ')})`);
  return items as T[];
}

function parsePositive(value: string | undefined, what: string, allowZero = false): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new UsageError(`${what}: expected a ${allowZero ? 'non-negative' : 'positive'} integer, got '${value ?? ''}'`);
  return n;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    json: false,
    cores: [...BENCH_CORES],
    timings: [...TIMINGS],
    memories: [...BENCH_MEMORY],
    engines: ['blocks'],
    programs: [...BENCH_PROGRAMS],
    iterations: undefined,
    qemuRuns: 3,
    warmup: true,
    maxInstructions: 4e9,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i];
    switch (arg) {
      case '--json': o.json = true; break;
      case '--cores': o.cores = parseList(next(), BENCH_CORES, 'core'); break;
      case '--timing': o.timings = parseList(next(), TIMINGS, 'timing mode'); break;
      case '--memory': o.memories = parseList(next(), BENCH_MEMORY, 'memory configuration'); break;
      case '--engine': o.engines = parseList(next(), BENCH_ENGINES, 'engine'); break;
      case '--programs': o.programs = parseList(next(), BENCH_PROGRAMS, 'program'); break;
      case '--iterations': o.iterations = parsePositive(next(), '--iterations'); break;
      case '--quick': o.iterations = 1; break;
      case '--qemu-runs': o.qemuRuns = parsePositive(next(), '--qemu-runs', true); break;
      case '--no-qemu': o.qemuRuns = 0; break;
      case '--no-warmup': o.warmup = false; break;
      case '--max-instructions': o.maxInstructions = parsePositive(next(), '--max-instructions'); break;
      case '--help': case '-h': console.log(USAGE); process.exit(0); break;
      default: throw new UsageError(`unknown argument '${arg}'`);
    }
  }
  return o;
}

// ---- programs and QEMU ---------------------------------------------------------------------------

interface Program {
  readonly name: BenchProgram;
  readonly path: string;
  readonly image: Uint8Array;
  readonly args: string[];
  /** The output to expect without QEMU, when recorded for these arguments. */
  readonly recorded: string | undefined;
  /** The instruction count recorded for these arguments (counted under qemu-arm), if any. */
  readonly recordedInstructions: number | undefined;
}

function loadPrograms(o: Options): Program[] {
  return o.programs.map((name) => {
    const url = new URL(`../guest/bench/${name}/${name}.elf`, import.meta.url);
    const expected = EXPECTED_OUTPUT[name];
    const iterations = o.iterations;
    const full = iterations === undefined || iterations === expected.iterations;
    return {
      name,
      path: fileURLToPath(url),
      image: new Uint8Array(readFileSync(url)),
      args: iterations === undefined ? [] : [String(iterations)],
      recorded: full ? expected.full : iterations === 1 ? expected.reduced : undefined,
      recordedInstructions: full ? expected.fullInstructions : iterations === 1 ? expected.reducedInstructions : undefined,
    };
  });
}

interface QemuInfo {
  readonly version: string;
  readonly cpu: string;
  readonly runs: number;
  /** Best-of-N time of a near-empty run (process start, translation set-up): included in every figure. */
  readonly startupSeconds: number;
}

interface QemuResult {
  readonly seconds: number;
  readonly stdout: string;
  readonly exitStatus: number | null;
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function runQemu(path: string, args: readonly string[], runs: number): QemuResult {
  let best = Number.POSITIVE_INFINITY;
  let first: { stdout: string; status: number | null } | undefined;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(QEMU, ['-cpu', QEMU_CPU, path, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const t = seconds(start);
    if (r.error) throw r.error;
    best = Math.min(best, t);
    first ??= { stdout: r.stdout, status: r.status };
  }
  return { seconds: best, stdout: first?.stdout ?? '', exitStatus: first?.status ?? null };
}

function probeQemu(o: Options, programs: readonly Program[]): QemuInfo | undefined {
  if (o.qemuRuns === 0 || programs.length === 0) return undefined;
  const v = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  if (v.error || v.status !== 0) return undefined;
  // Smallest run we have: one iteration of the first program (~0.2–1.6 M instructions, well under a millisecond of QEMU's time).
  const startup = runQemu(programs[0].path, ['1'], Math.max(3, o.qemuRuns));
  return { version: v.stdout.split('\n')[0].trim(), cpu: QEMU_CPU, runs: o.qemuRuns, startupSeconds: startup.seconds };
}

// ---- arm-core runs --------------------------------------------------------------------------------

/** Speed figures of one run (or a sum of runs). */
interface Figures {
  readonly instructions: number;
  readonly cycles: number;
  /** Wall-clock seconds around `run` (process.hrtime). */
  readonly hostSeconds: number;
  /** This process's CPU seconds over the same span (process.cpuUsage; includes V8's helper threads). */
  readonly cpuSeconds: number;
  /** instructions / hostSeconds, in millions. */
  readonly mips: number;
  readonly qemuSeconds?: number;
  /** qemuSeconds less QEMU's start-up time, when that leaves a measurable time (≥ 1 ms). */
  readonly qemuNetSeconds?: number;
  readonly qemuNetMips?: number;
  /** hostSeconds / qemuSeconds: a lower bound of the speed ratio (QEMU's time includes its start-up). */
  readonly slowdown?: number;
  /** hostSeconds / qemuNetSeconds. */
  readonly slowdownNet?: number;
}

function figures(instructions: number, cycles: number, hostSeconds: number, cpuSeconds: number, qemuSeconds: number | undefined, qemuStartup: number): Figures {
  const net = qemuSeconds !== undefined && qemuSeconds - qemuStartup >= 0.001 ? qemuSeconds - qemuStartup : undefined;
  return {
    instructions,
    cycles,
    hostSeconds,
    cpuSeconds,
    mips: instructions / hostSeconds / 1e6,
    ...(qemuSeconds !== undefined ? { qemuSeconds, slowdown: hostSeconds / qemuSeconds } : {}),
    ...(net !== undefined ? { qemuNetSeconds: net, qemuNetMips: instructions / net / 1e6, slowdownNet: hostSeconds / net } : {}),
  };
}

interface ProgramResult extends Figures {
  readonly program: BenchProgram;
  readonly args: string[];
  readonly exitStatus: number | undefined;
  /** 'qemu' or 'recorded': what the output was compared with; 'unchecked' when neither is available. */
  readonly checkedAgainst: 'qemu' | 'recorded' | 'unchecked';
  readonly outputMatches: boolean | undefined;
  readonly error?: string;
  readonly stdout: string;
  readonly memoryStatistics: unknown;
  readonly blockStatistics: unknown;
}

interface ConfigurationResult {
  readonly core: BenchCore;
  readonly timing: BenchTiming;
  readonly memory: BenchMemory;
  readonly engine: BenchEngine;
  readonly configuration?: unknown;
  readonly results: ProgramResult[];
  readonly overall: Figures;
}

function runOnce(program: Program, core: BenchCore, timing: BenchTiming, memory: BenchMemory, engine: BenchEngine, maxInstructions: number) {
  const guest = loadLinuxProgram(program.image, { core, timing, memory, engine, name: program.name, args: program.args });
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result: LinuxRunResult = guest.run(maxInstructions);
  const hostSeconds = seconds(start);
  const cpu = process.cpuUsage(cpuStart);
  return { result, hostSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, memoryStatistics: guest.machine.memory.statistics(), blockStatistics: guest.machine.blockStatistics() };
}

/** Why the machine factory cannot build `core`, or undefined when it can. */
function coreUnavailable(core: BenchCore): string | undefined {
  try {
    createBenchMachine(core, 'functional');
    return undefined;
  } catch (e) {
    if (e instanceof CoreUnavailableError) return e.message.replace(/^core \S+ is not available: /, '');
    throw e;
  }
}

function runConfiguration(o: Options, programs: readonly Program[], qemu: ReadonlyMap<BenchProgram, QemuResult>, qemuStartup: number, core: BenchCore, timing: BenchTiming, memory: BenchMemory, engine: BenchEngine, log: (s: string) => void): ConfigurationResult {
  log(`  ${HEADER}`);
  if (o.warmup) {
    // Untimed: lets the host JIT compile the interpreter's paths (and the hottest blocks) first.
    for (const p of programs) runOnce({ ...p, args: ['1'] }, core, timing, memory, engine, o.maxInstructions);
  }
  const results: ProgramResult[] = [];
  let configuration: unknown;
  for (const p of programs) {
    const { result, hostSeconds, cpuSeconds, memoryStatistics, blockStatistics } = runOnce(p, core, timing, memory, engine, o.maxInstructions);
    configuration ??= result.configuration;
    const q = qemu.get(p.name);
    const finished = result.reason === 'stopped' && result.exitStatus !== undefined;
    const reference = q ? q.stdout : p.recorded;
    const checkedAgainst = q ? 'qemu' : p.recorded !== undefined ? 'recorded' : 'unchecked';
    const outputMatches = reference === undefined ? undefined : finished && result.exitStatus === 0 && result.stdout === reference && (!q || q.exitStatus === 0);
    const error = !finished
      ? `did not finish: ${result.reason}${result.detail ? ` (${result.detail})` : ''}`
      : result.exitStatus !== 0
        ? `exit status ${result.exitStatus}${result.detail ? ` (${result.detail})` : ''}${result.stderr ? `: ${result.stderr.trim()}` : ''}`
        : result.unsupportedSyscalls.size > 0
          ? `unsupported system calls: ${[...result.unsupportedSyscalls.keys()].join(', ')}`
          : p.recordedInstructions !== undefined && result.instructions !== p.recordedInstructions
            ? `executed ${result.instructions} instructions, qemu-arm counted ${p.recordedInstructions}`
            : undefined;
    const r: ProgramResult = {
      program: p.name,
      args: p.args,
      ...figures(result.instructions, result.cycles, hostSeconds, cpuSeconds, q?.seconds, qemuStartup),
      exitStatus: result.exitStatus,
      checkedAgainst,
      outputMatches,
      ...(error ? { error } : {}),
      stdout: result.stdout,
      memoryStatistics,
      blockStatistics,
    };
    results.push(r);
    log(`  ${row(r.program, r, verdict(r))}`);
  }
  const qemuTimes = results.map((r) => r.qemuSeconds);
  const overall = figures(
    sum(results.map((r) => r.instructions)),
    sum(results.map((r) => r.cycles)),
    sum(results.map((r) => r.hostSeconds)),
    sum(results.map((r) => r.cpuSeconds)),
    qemuTimes.every((t) => t !== undefined) ? sum(qemuTimes as number[]) : undefined,
    qemuStartup * results.length,
  );
  return { core, timing, memory, engine, configuration, results, overall };
}

// ---- output ----------------------------------------------------------------------------------------

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const int = (n: number) => n.toLocaleString('en-US');
const fixed = (n: number | undefined, digits: number) => (n === undefined ? '—' : n.toFixed(digits));
/** Two significant digits below 10, whole numbers above. */
const ratio = (n: number | undefined) => (n === undefined ? '—' : n < 10 ? n.toPrecision(2) : n.toFixed(0));
const pad = (s: string, width: number) => s.padStart(width);

const HEADER = `${'program'.padEnd(9)}${pad('instructions', 14)}${pad('cycles', 15)}${pad('CPI', 6)}${pad('host s', 8)}${pad('cpu s', 8)}${pad('MIPS', 7)}${pad('QEMU s', 8)}${pad('net MIPS', 10)}${pad('×QEMU', 7)}${pad('×net', 6)}  output`;

function row(name: string, f: Figures, verdictText = ''): string {
  return `${name.padEnd(9)}${pad(int(f.instructions), 14)}${pad(int(f.cycles), 15)}${pad(fixed(f.cycles / f.instructions, 2), 6)}${pad(fixed(f.hostSeconds, 2), 8)}${pad(fixed(f.cpuSeconds, 2), 8)}${pad(fixed(f.mips, 2), 7)}${pad(fixed(f.qemuSeconds, 3), 8)}${pad(fixed(f.qemuNetMips, 0), 10)}${pad(ratio(f.slowdown), 7)}${pad(ratio(f.slowdownNet), 6)}  ${verdictText}`;
}

function verdict(r: ProgramResult): string {
  if (r.error) return `FAIL: ${r.error}`;
  if (r.outputMatches === undefined) return 'unchecked';
  return r.outputMatches ? `ok (${r.checkedAgainst})` : `MISMATCH (vs ${r.checkedAgainst})`;
}

const ENGINE_LABEL: Record<BenchEngine, string> = {
  blocks: 'translated blocks',
  interpreter: 'interpreter',
};

const MEMORY_LABEL: Record<BenchMemory, string> = {
  flat: 'flat: MMU, caches and write buffer off',
  cached: 'cached: identity section map, MMU + I/D caches (write-back) on',
};

function main(): number {
  const o = parseArgs(process.argv.slice(2));
  const log = (s: string) => (o.json ? process.stderr : process.stdout).write(`${s}\n`);
  const programs = loadPrograms(o);

  const qemuInfo = probeQemu(o, programs);
  const qemu = new Map<BenchProgram, QemuResult>();
  log(`arm-core CPU benchmarks: ${programs.map((p) => p.name).join(', ')}; ${o.iterations === undefined ? 'built-in iteration counts' : `${o.iterations} iteration(s) each`}`);
  if (qemuInfo) {
    for (const p of programs) qemu.set(p.name, runQemu(p.path, p.args, o.qemuRuns));
    log(`QEMU: ${qemuInfo.version}, -cpu ${QEMU_CPU}, best of ${qemuInfo.runs}; "QEMU s" includes process start-up (${(qemuInfo.startupSeconds * 1000).toFixed(1)} ms, best of ${Math.max(3, qemuInfo.runs)} one-iteration runs), "net" excludes it`);
  } else {
    log(o.qemuRuns === 0 ? 'QEMU: skipped (--no-qemu)' : `QEMU: ${QEMU} not found (apt-get install qemu-user); outputs checked against the recorded ones`);
  }
  log(`host: ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}${o.warmup ? '; each configuration warmed up untimed (every program, 1 iteration)' : ''}`);

  const configurations: ConfigurationResult[] = [];
  const unavailableCores: { core: BenchCore; reason: string }[] = [];
  const setupFailures: string[] = [];
  for (const core of o.cores) {
    const unavailable = coreUnavailable(core);
    if (unavailable) {
      log('');
      log(`${core}: not available: ${unavailable}`);
      unavailableCores.push({ core, reason: unavailable });
      continue;
    }
    for (const timing of o.timings) {
      // Cycle timing always interprets: one engine there.
      const engines = timing === 'cycle' ? ['interpreter' as const] : o.engines;
      for (const memory of o.memories) {
        for (const engine of engines) {
          log('');
          log(`${core} · ${timing} · ${MEMORY_LABEL[memory]} · ${ENGINE_LABEL[engine]}`);
          let c: ConfigurationResult;
          try {
            c = runConfiguration(o, programs, qemu, qemuInfo?.startupSeconds ?? 0, core, timing, memory, engine, log);
          } catch (e) {
            // A configuration the machine cannot set up yet (e.g. a core without the CP15 accessors used here).
            const message = e instanceof Error ? e.message : String(e);
            log(`  FAIL: ${message}`);
            setupFailures.push(`${core}/${timing}/${memory}/${engine}: ${message}`);
            continue;
          }
          configurations.push(c);
          log(`  ${row('overall', c.overall)}`);
          if (c.overall.cpuSeconds < 0.8 * c.overall.hostSeconds) {
            log(`  note: the host was busy (CPU time ${(100 * c.overall.cpuSeconds / c.overall.hostSeconds).toFixed(0)}% of wall time): wall-clock figures overstate the time; instructions / cpu s = ${fixed(c.overall.instructions / c.overall.cpuSeconds / 1e6, 2)} MIPS`);
          }
        }
      }
    }
  }
  const failures = [
    ...setupFailures,
    ...configurations.flatMap((c) => c.results.filter((r) => r.error || r.outputMatches === false).map((r) => `${c.core}/${c.timing}/${c.memory}/${c.engine}/${r.program}`)),
  ];
  if (failures.length > 0) log(`\nFAILED: ${failures.join(', ')}`);

  if (o.json) {
    const report = {
      benchmark: 'arm-core CPU benchmarks (packages/arm-core/guest/bench)',
      host: { cpu: cpus()[0]?.model, logicalCpus: cpus().length, node: process.version, platform: process.platform, arch: process.arch },
      options: { iterations: o.iterations ?? 'built-in', warmup: o.warmup, maxInstructions: o.maxInstructions },
      programs: programs.map((p) => ({ name: p.name, image: `guest/bench/${p.name}/${p.name}.elf`, args: p.args })),
      qemu: qemuInfo ? { ...qemuInfo, results: Object.fromEntries([...qemu].map(([name, q]) => [name, { seconds: q.seconds, exitStatus: q.exitStatus }])) } : null,
      unavailableCores,
      configurations: configurations.map((c) => ({
        ...c,
        results: c.results.map(({ stdout: _stdout, ...r }) => r),
      })),
      failures,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  }
  return failures.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  if (e instanceof UsageError) {
    console.error(`bench: ${e.message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
