import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ElfError } from '../elf/error.js';
import {
  bareMetalExitCode,
  formatBareMetalSummary,
  formatSimulatedTime,
  loadBareMetalImage,
  runBareMetal,
  type BareMetalBoard,
  type BareMetalSummary,
} from './bare-metal.js';
import { parseElf } from '../elf/parse.js';
import { createMachine, type TimingMode } from './create-machine.js';

const RAM = 0x30000000;
const RAM_SIZE = 16 << 20;
const guest = (path: string) => new Uint8Array(readFileSync(new URL(`../../guest/${path}`, import.meta.url)));

/** A board with nothing but RAM: enough for the runner. `resets` records the causes it was reset for. */
function testBoard(timing: TimingMode = 'functional') {
  const machine = createMachine({ cpu: 'arm920t', timing });
  const sdram = machine.bus.mapRam(RAM, RAM_SIZE);
  const resets: string[] = [];
  const board: BareMetalBoard & { resets: string[] } = {
    name: 'TESTBOARD',
    machine,
    ram: [sdram],
    details: { ram: RAM_SIZE },
    resets,
    banner: () => 'TESTBOARD: boot\n',
    reset(cause) {
      resets.push(cause);
      machine.cpu.reset();
    },
    resetRequested: undefined,
  };
  return board;
}

/** A minimal ARM ELF32 executable: one R+X PT_LOAD segment of `words` at `base`, entered at `base`. */
function armElf(words: readonly number[], base = RAM, memSize = words.length * 4): Uint8Array {
  const code = new Uint8Array(new Uint32Array(words).buffer);
  const bytes = new Uint8Array(52 + 32 + code.length);
  const v = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 40, true); // EM_ARM
  v.setUint32(20, 1, true);
  v.setUint32(24, base, true); // e_entry
  v.setUint32(28, 52, true); // e_phoff
  v.setUint32(36, 0x05000000, true); // EABI 5
  v.setUint16(40, 52, true);
  v.setUint16(42, 32, true);
  v.setUint16(44, 1, true);
  const ph = 52;
  v.setUint32(ph, 1, true); // PT_LOAD
  v.setUint32(ph + 4, 84, true);
  v.setUint32(ph + 8, base, true);
  v.setUint32(ph + 12, base, true);
  v.setUint32(ph + 16, code.length, true);
  v.setUint32(ph + 20, memSize, true);
  v.setUint32(ph + 24, 5, true); // R+X
  v.setUint32(ph + 28, 4, true);
  bytes.set(code, 84);
  return bytes;
}

const A = {
  loop: 0xeafffffe, // b .
  wfi: 0xee070f90, // mcr p15, 0, r0, c7, c0, 4
  backOne: 0xeafffffd, // b to the previous instruction
  udf: 0xe7f000f0, // permanently undefined
  semihost: 0xef123456, // svc 0x123456
};
/** SYS_EXIT_EXTENDED with `status`. */
const exitWith = (status: number) => [0xe3a00020, 0xe28f1004, A.semihost, A.loop, 0x20026, status];

function run(board: ReturnType<typeof testBoard>, elf: Uint8Array, options: { maxCycles?: number; input?: string; banner?: boolean } = {}) {
  let out = '';
  const input = new TextEncoder().encode(options.input ?? '');
  let next = 0;
  const summary = runBareMetal(board, elf, {
    io: { stdout: (b) => (out += new TextDecoder().decode(b)), readByte: () => (next < input.length ? input[next++] : undefined) },
    maxCycles: options.maxCycles,
    banner: options.banner,
  });
  return { out, summary, consumed: next };
}

describe('runBareMetal', () => {
  it('loads an image, prints the banner, runs to a semihosting exit and summarises the run', () => {
    const board = testBoard();
    const { out, summary } = run(board, guest('hello/hello-mba2440.elf'));
    expect(out).toBe('TESTBOARD: boot\nhello from arm-core\n');
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0, detail: 'SYS_EXIT', resets: 0 });
    expect(summary.instructions).toBeGreaterThan(10);
    expect(summary.cycles).toBe(summary.instructions); // functional timing
    expect(summary.simulatedNanoseconds).toBeCloseTo((summary.cycles * 1e9) / 400e6, 6);
    expect(summary.configuration).toEqual({
      cpu: 'arm920t',
      arch: 'v4T',
      timing: 'functional',
      coreHz: 400e6,
      engine: 'blocks',
      board: 'TESTBOARD',
      maxCycles: 4e9,
      details: { ram: RAM_SIZE },
    });
  });

  it('records cycle timing in the configuration and charges more cycles than instructions', () => {
    const { summary } = run(testBoard('cycle'), guest('hello/hello-mba2440.elf'));
    expect(summary.configuration.timing).toBe('cycle');
    expect(summary.cycles).toBeGreaterThan(summary.instructions);
  });

  it('passes a SYS_EXIT_EXTENDED status through, and omits the banner on request', () => {
    const { out, summary } = run(testBoard(), armElf(exitWith(5)), { banner: false });
    expect(out).toBe('');
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 5, detail: 'SYS_EXIT_EXTENDED' });
    expect(bareMetalExitCode(summary)).toBe(5);
  });

  it('stops a runaway guest at the cycle limit', () => {
    const { summary } = run(testBoard(), armElf([A.loop]), { maxCycles: 10_000 });
    expect(summary).toMatchObject({ reason: 'cycle-limit', cycles: 10_000, instructions: 10_000 });
    expect(bareMetalExitCode(summary)).toBe(3);
    expect(formatBareMetalSummary(summary)).toMatch(/^TESTBOARD: guest ran past the limit of 10,000 cycles \(25\.000 µs at 400 MHz\) and was stopped as a runaway\n/);
  });

  it('reports waiting for an interrupt with IRQ and FIQ masked as a halt', () => {
    const { summary } = run(testBoard(), armElf([A.wfi, A.backOne]), { maxCycles: 10_000 });
    expect(summary).toMatchObject({ reason: 'halted', instructions: 1, detail: 'waiting for an interrupt with IRQ and FIQ masked' });
    expect(bareMetalExitCode(summary)).toBe(0);
  });

  it('stops a guest that takes an exception without vectors instead of looping on the abort vector', () => {
    const { summary } = run(testBoard(), armElf([A.udf]));
    expect(summary.reason).toBe('crashed');
    expect(summary.detail).toMatch(/^the guest took an undefined instruction exception at 0x30000000 but has no exception vectors \(the vector at 0x4 cannot be fetched: .*nothing is mapped there\)$/);
    expect(summary.instructions).toBeLessThan(5);
    expect(bareMetalExitCode(summary)).toBe(4);
  });

  it('names a non-semihosting SWI that has no vector', () => {
    const { summary } = run(testBoard(), armElf([0xef000001]));
    expect(summary.detail).toMatch(/^the guest took a SWI exception at 0x30000000 but has no exception vectors \(the vector at 0x8/);
  });

  it('reads input only when the guest asks (SYS_READC), and passes end of input as -1', () => {
    // Echo through SYS_READC / SYS_WRITEC until SYS_READC returns -1, then exit.
    const echo = [
      0xe3a00007, A.semihost, 0xe3700001, 0x0a000005, // readc; cmn r0, #1; beq exit
      0xe56d0004, 0xe1a0100d, 0xe3a00003, A.semihost, // strb r0, [sp, #-4]!; mov r1, sp; writec
      0xe28dd004, 0xeafffff5, // add sp, sp, #4; b start
      0xe3a00018, 0xe59f1000, A.semihost, 0x20026, // exit
    ];
    const { out, summary, consumed } = run(testBoard(), armElf(echo), { input: 'abc' });
    expect(out).toBe('TESTBOARD: boot\nabc');
    expect(consumed).toBe(3);
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0 });
    expect(run(testBoard(), guest('hello/hello-mba2440.elf'), { input: 'unread' }).consumed).toBe(0);
  });

  it('reboots the board on a reset request: resets it, prints the banner again and re-enters the image', () => {
    const board = testBoard();
    board.machine.scheduler.schedule(5, () => board.resetRequested?.('watchdog'), 'test reset');
    const { out, summary } = run(board, guest('hello/hello-mba2440.elf'));
    expect(board.resets).toEqual(['watchdog']);
    expect(out).toBe('TESTBOARD: boot\nTESTBOARD: boot\nhello from arm-core\n');
    expect(summary).toMatchObject({ reason: 'exit', exitStatus: 0, resets: 1 });
    // The first boot ran 5 instructions before the reset; the second ran the whole program.
    expect(summary.instructions).toBe(run(testBoard(), guest('hello/hello-mba2440.elf')).summary.instructions + 5);
    expect(formatBareMetalSummary(summary)).toMatch(/, functional timing, 1 board reset\n$/);
    // The runner's hooks are gone afterwards.
    expect(board.resetRequested).toBeUndefined();
  });

  it('honours an event that an instruction schedules in the middle of a run (a device register write)', () => {
    const board = testBoard();
    const { machine } = board;
    machine.bus.mapDevice(0x40000000, 0x1000, {
      read: () => 0,
      write: () => void machine.scheduler.scheduleIn(100, () => machine.requestStop('device event'), 'device'),
    });
    // mov r1, #0x40000000; str r0, [r1]; b .
    const { summary } = run(board, armElf([0xe3a01101, 0xe5810000, A.loop]), { maxCycles: 1_000_000 });
    // The store runs at cycle 1 and schedules the event 100 cycles on; without the fix it ran to the limit.
    expect(summary).toMatchObject({ reason: 'stopped', detail: 'device event', cycles: 101 });
  });

  it('is deterministic: the same image and input give the same output and counts', () => {
    const a = run(testBoard('cycle'), guest('checksum/checksum-arm.elf'));
    const b = run(testBoard('cycle'), guest('checksum/checksum-arm.elf'));
    expect(b.out).toBe(a.out);
    expect(b.summary).toEqual(a.summary);
  });
});

describe('loadBareMetalImage', () => {
  it('refuses a segment outside RAM, naming the segment and the RAM', () => {
    const board = testBoard();
    const elf = guest('hello/hello-smdk6410.elf'); // linked at 0x50000000
    expect(() => run(board, elf)).toThrow(ElfError);
    expect(() => run(board, elf)).toThrow(
      /^program header 0 \(PT_LOAD RX, 0x[0-9a-f]+ bytes at physical 0x50000000\.\.0x5[0-9a-f]+\) does not fit in TESTBOARD's RAM \(0x30000000\.\.0x30ffffff\)$/,
    );
  });

  it('refuses a segment that runs off the end of RAM', () => {
    const elf = armElf([A.loop], RAM + RAM_SIZE - 4, 8);
    expect(() => loadBareMetalImage(testBoard().machine, parseElf(elf))).toThrow(/program header 0 .* does not fit in RAM \(0x30000000\.\.0x30ffffff\)/);
  });

  it('describes the heap after the image and the stack at the top of RAM', () => {
    const { machine } = testBoard();
    const loaded = loadBareMetalImage(machine, parseElf(armElf([A.loop, A.loop, A.loop], RAM, 0x1003)), { stackBytes: 0x10000 });
    expect(loaded.heapInfo).toEqual([RAM + 0x1008, RAM + RAM_SIZE - 0x10000, RAM + RAM_SIZE, RAM + RAM_SIZE - 0x10000]);
    expect(machine.bus.read32(RAM)).toBe(A.loop);
  });
});

describe('reporting', () => {
  const summary = (over: Partial<BareMetalSummary>): BareMetalSummary => ({
    instructions: 1234567,
    cycles: 2469134,
    simulatedNanoseconds: 6_172_835,
    reason: 'halted',
    resets: 0,
    configuration: { cpu: 'arm920t', arch: 'v4T', timing: 'cycle', coreHz: 400e6, engine: 'interpreter', board: 'B', maxCycles: 4e9 },
    ...over,
  });

  it('formats the summary with instructions, cycles, simulated time and MIPS of simulated time', () => {
    expect(formatBareMetalSummary(summary({ detail: 'waiting for an interrupt with IRQ and FIQ masked' }))).toBe(
      'B: guest halted: waiting for an interrupt with IRQ and FIQ masked\n' +
        'B: 1,234,567 instructions, 2,469,134 cycles, 6.173 ms simulated time (200.0 MIPS in simulated time), cycle timing\n',
    );
  });

  it('maps stop reasons to exit codes', () => {
    expect(bareMetalExitCode(summary({ reason: 'exit', exitStatus: 0 }))).toBe(0);
    expect(bareMetalExitCode(summary({ reason: 'exit', exitStatus: 42 }))).toBe(42);
    expect(bareMetalExitCode(summary({ reason: 'exit', exitStatus: 256 }))).toBe(1); // never success
    expect(bareMetalExitCode(summary({ reason: 'exit', exitStatus: -1 }))).toBe(255);
    expect(bareMetalExitCode(summary({ reason: 'instruction-limit' }))).toBe(3);
    expect(bareMetalExitCode(summary({ reason: 'error' }))).toBe(70);
  });

  it('formats simulated time in a fitting unit', () => {
    expect(formatSimulatedTime(812)).toBe('812 ns');
    expect(formatSimulatedTime(2_046_000)).toBe('2.046 ms');
    expect(formatSimulatedTime(10e9)).toBe('10.000 s');
  });
});
