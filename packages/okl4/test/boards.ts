// Board wiring for tests and the benchmark: a machine, the SoC model and the kernel with the SoC's BSP.
import { createMachine, type Machine, type TimingMode } from '@l4lab/arm-core';
import { S3C2440, S3C2440Bsp } from '@l4lab/soc-s3c2440';
import { S3C6410, S3C6410Bsp, S3C6410_IRQ, S3C6410_MAP } from '@l4lab/soc-s3c6410';
import { Kernel, buildImage, type BspFactory, type ImageDescription, type KernelOptions } from '../src/index.js';

export interface BootedBoard {
  readonly kernel: Kernel;
  readonly console: () => string;
  readonly log: string[];
  run(maxCycles?: number): ReturnType<Kernel['machine']['run']>;
}

export type BoardName = 'mba2440' | 'smdk6410';
export const BOARDS: readonly BoardName[] = ['mba2440', 'smdk6410'];

/**
 * What a board gives the guest tests through their environment, so one ELF image runs on both: the
 * kernel's RAM (which MapControl refuses to hand out), the core clock for tick arithmetic, and PWM timer 0
 * (registers, IRQ, a prescaler giving a 500 kHz count, and whether TINT_CSTAT gates and latches its IRQ).
 */
export interface BoardFacts {
  readonly title: string;
  readonly ram: { readonly base: number; readonly size: number };
  readonly coreHz: number;
  readonly environment: Readonly<Record<string, number>>;
}

export const BOARD_FACTS: Record<BoardName, BoardFacts> = {
  mba2440: {
    title: 'MBA2440 — S3C2440A, ARM920T 400 MHz',
    ram: { base: 0x30000000, size: 64 << 20 },
    coreHz: 400_000_000,
    // PCLK 50 MHz / (49 + 1) / 2 (TCFG1 mux 0 = /2) = 500 kHz.
    environment: { RAM_BASE: 0x30000000, CORE_KHZ: 400_000, PWM_PHYS: 0x51000000, TIMER0_IRQ: 10, TIMER0_PRESCALER: 49, PWM_CSTAT: 0 },
  },
  smdk6410: {
    title: 'SMDK6410 — S3C6410, ARM1176JZF-S 532 MHz',
    ram: { base: 0x50000000, size: 128 << 20 },
    coreHz: 532_000_000,
    // PCLK 66.5 MHz / (132 + 1) / 1 (TCFG1 mux 0 = /1 on the 6410) = 500 kHz.
    environment: { RAM_BASE: 0x50000000, CORE_KHZ: 532_000, PWM_PHYS: S3C6410_MAP.PWM, TIMER0_IRQ: S3C6410_IRQ.TIMER0, TIMER0_PRESCALER: 132, PWM_CSTAT: 1 },
  },
};

function machineFor(board: BoardName, timing: TimingMode): { machine: Machine; bsp: BspFactory; name: string } {
  if (board === 'smdk6410') {
    const machine = createMachine({ cpu: 'arm1176jzf-s', timing });
    new S3C6410({ bus: machine.bus, clock: machine.clock, scheduler: machine.scheduler, core: machine.cpu });
    return { machine, bsp: (access) => new S3C6410Bsp(access), name: 'SMDK6410' };
  }
  const machine = createMachine({ cpu: 'arm920t', timing });
  new S3C2440({ bus: machine.bus, clock: machine.clock, scheduler: machine.scheduler, core: machine.cpu });
  return { machine, bsp: (access) => new S3C2440Bsp(access), name: 'MBA2440' };
}

export function bootBoard(image: ImageDescription, options: { board?: BoardName; timing?: TimingMode; kernel?: Partial<Omit<KernelOptions, 'machine' | 'bsp' | 'board' | 'ram'>> } = {}): BootedBoard {
  const board = options.board ?? 'mba2440';
  const { machine, bsp, name } = machineFor(board, options.timing ?? 'functional');
  const log: string[] = [];
  let out = '';
  const kernel = new Kernel({
    machine,
    bsp,
    board: name,
    ram: BOARD_FACTS[board].ram,
    bootLog: (line) => log.push(line),
    ...options.kernel,
  });
  kernel.platform.onConsoleByte = (b) => (out += String.fromCharCode(b));
  kernel.boot();
  buildImage(kernel, image);
  kernel.start();
  return {
    kernel,
    console: () => out,
    log,
    run: (maxCycles = 2_000_000_000) => machine.run({ maxCycles }),
  };
}
