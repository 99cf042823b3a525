// Board wiring for tests: a machine, the SoC model and the kernel with the SoC's BSP.
import { createMachine, type TimingMode } from '@l4lab/arm-core';
import { S3C2440, S3C2440Bsp } from '@l4lab/soc-s3c2440';
import { Kernel, buildImage, type ImageDescription, type KernelOptions } from '../src/index.js';

export interface BootedBoard {
  readonly kernel: Kernel;
  readonly console: () => string;
  readonly log: string[];
  run(maxCycles?: number): ReturnType<Kernel['machine']['run']>;
}

export type BoardName = 'mba2440';

export function bootBoard(image: ImageDescription, options: { board?: BoardName; timing?: TimingMode; kernel?: Partial<Omit<KernelOptions, 'machine' | 'bsp' | 'board' | 'ram'>> } = {}): BootedBoard {
  const machine = createMachine({ cpu: 'arm920t', timing: options.timing ?? 'functional' });
  const soc = new S3C2440({ bus: machine.bus, clock: machine.clock, scheduler: machine.scheduler, core: machine.cpu });
  void soc;
  const log: string[] = [];
  let out = '';
  const kernel = new Kernel({
    machine,
    bsp: (access) => new S3C2440Bsp(access),
    board: 'MBA2440',
    ram: { base: 0x30000000, size: 64 << 20 },
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
