// The CPU benchmark programs (guest/bench/*): a reduced-size run of each (argument "1") on arm-core must
// print what qemu-arm printed, recorded in bench/expected-output.ts, in the recorded number of
// instructions; and the recorded outputs must still be what qemu-arm prints, when it is installed.
// Correctness only: speed is measured by `nx run arm-core:bench`, never asserted.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BENCH_PROGRAMS, EXPECTED_OUTPUT } from '../bench/expected-output.js';

const imagePath = (name: string) => fileURLToPath(new URL(`../guest/bench/${name}/${name}.elf`, import.meta.url));
/** Far above the largest reduced run (1.6 M instructions): a runaway guest stops here. */
const MAX_INSTRUCTIONS = 20_000_000;

// The machine factory is written concurrently with these programs; until it is exported, skip (with the reason).
const armCore: Record<string, unknown> = await import('../src/index.js');
const machineReady = typeof armCore.createMachine === 'function';
const hasQemu = !spawnSync('qemu-arm', ['--version']).error;

it('every benchmark image is committed', () => {
  for (const name of BENCH_PROGRAMS) expect(existsSync(imagePath(name)), `${name}.elf`).toBe(true);
});

describe.skipIf(!machineReady)(`reduced runs on arm-core${machineReady ? '' : ' (skipped: createMachine is not exported from @l4lab/arm-core yet)'}`, async () => {
  if (!machineReady) return; // the runner imports createMachine, so it cannot even be loaded yet
  const { BENCH_CORES, CoreUnavailableError, createBenchMachine, loadLinuxProgram } = await import('../bench/linux-runner.js');

  for (const core of BENCH_CORES) {
    let unavailable: string | undefined;
    try {
      createBenchMachine(core, 'functional');
    } catch (e) {
      if (!(e instanceof CoreUnavailableError)) throw e;
      unavailable = e.message;
    }
    describe.skipIf(unavailable !== undefined)(`${core}, functional timing${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
      for (const name of BENCH_PROGRAMS) {
        it(`${name} 1 prints what qemu-arm printed`, () => {
          const expected = EXPECTED_OUTPUT[name];
          const program = loadLinuxProgram(new Uint8Array(readFileSync(imagePath(name))), { core, timing: 'functional', name, args: ['1'] });
          const result = program.run(MAX_INSTRUCTIONS);
          expect(result.stderr).toBe('');
          expect(result.stdout).toBe(expected.reduced);
          expect({ reason: result.reason, detail: result.detail, exitStatus: result.exitStatus }).toEqual({ reason: 'stopped', detail: 'exit', exitStatus: 0 });
          expect(result.instructions).toBe(expected.reducedInstructions);
          expect([...result.unsupportedSyscalls]).toEqual([]);
        });
      }

      it('runs the same with the MMU and caches on, in cycle timing', () => {
        // One program is enough here: the translation and cache paths, not the ISA, are what differs.
        const expected = EXPECTED_OUTPUT.sort;
        const program = loadLinuxProgram(new Uint8Array(readFileSync(imagePath('sort'))), { core, timing: 'cycle', memory: 'cached', name: 'sort', args: ['1'] });
        const result = program.run(MAX_INSTRUCTIONS);
        expect(result.stdout).toBe(expected.reduced);
        expect(result.exitStatus).toBe(0);
        expect(result.instructions).toBe(expected.reducedInstructions);
        expect(result.cycles).toBeGreaterThan(result.instructions);
        expect(result.configuration).toMatchObject({ cpu: core, timing: 'cycle', memory: 'cached' });
      });
    });
  }

  it('stops a guest at the instruction limit, and continues it', () => {
    const program = loadLinuxProgram(new Uint8Array(readFileSync(imagePath('crc32'))), { core: 'arm920t', timing: 'functional', name: 'crc32', args: ['1'] });
    const partial = program.run(1000);
    expect(partial.reason).toBe('instruction-limit');
    expect(partial.instructions).toBe(1000);
    expect(partial.exitStatus).toBeUndefined();
    const rest = program.run(MAX_INSTRUCTIONS);
    expect(rest.stdout).toBe(EXPECTED_OUTPUT.crc32.reduced);
    expect(rest.instructions).toBe(EXPECTED_OUTPUT.crc32.reducedInstructions);
  });

  it('passes argv: a bad iteration count is reported on stderr with exit status 2', () => {
    const program = loadLinuxProgram(new Uint8Array(readFileSync(imagePath('sieve'))), { core: 'arm920t', timing: 'functional', name: 'sieve', args: ['12x'] });
    const result = program.run(MAX_INSTRUCTIONS);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('sieve: iteration count must be a decimal number from 1 to 1000000, got "12x"\n');
    expect(result.exitStatus).toBe(2);
  });

  it('rejects what it cannot run with a clear message', () => {
    const image = new Uint8Array(readFileSync(imagePath('crc32')));
    expect(() => loadLinuxProgram(image.subarray(0, 16), { core: 'arm920t', timing: 'functional' })).toThrow();
    const relocatable = image.slice();
    relocatable[16] = 1; // e_type = ET_REL
    expect(() => loadLinuxProgram(relocatable, { core: 'arm920t', timing: 'functional' })).toThrow(/ET_REL/);
    const oldAbi = image.slice();
    oldAbi[39] = 0; // e_flags[31:24]: EABI version 0, the old ABI (swi 0x900000 + n)
    expect(() => loadLinuxProgram(oldAbi, { core: 'arm920t', timing: 'functional' })).toThrow(/EABI version 5/);
  });
});

describe.skipIf(!hasQemu)(`recorded outputs match qemu-arm${hasQemu ? '' : ' (skipped: qemu-arm not found; apt-get install qemu-user)'}`, () => {
  // Copies made executable: qemu-arm refuses files without the execute bit, which a checkout may drop.
  const dir = mkdtempSync(join(tmpdir(), 'arm-core-bench-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const qemu = (name: string, args: string[]) => {
    const copy = join(dir, `${name}.elf`);
    if (!existsSync(copy)) {
      copyFileSync(imagePath(name), copy);
      chmodSync(copy, 0o755);
    }
    return spawnSync('qemu-arm', ['-cpu', 'ti925t', copy, ...args], { encoding: 'utf8', timeout: 60_000 });
  };
  for (const name of BENCH_PROGRAMS) {
    it(`${name}: reduced and full size`, () => {
      const reduced = qemu(name, ['1']);
      expect(reduced.stderr).toBe('');
      expect(reduced.stdout).toBe(EXPECTED_OUTPUT[name].reduced);
      expect(reduced.status).toBe(0);
      const full = qemu(name, []);
      expect(full.stdout).toBe(EXPECTED_OUTPUT[name].full);
      expect(full.status).toBe(0);
    });
  }
});
