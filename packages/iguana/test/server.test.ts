import { describe, expect, it } from 'vitest';
import { EXAMPLES, bootIguanaBoard, multithreadProgram, programOutput } from './boards.js';

describe('the Iguana server', () => {
  it('reports an unhandled page fault with address and thread, deletes the thread, and the rest goes on', () => {
    const b = bootIguanaBoard([{ name: 'pagefault', elf: EXAMPLES.pagefault() }, multithreadProgram()]);
    const r = b.run();
    const text = b.console();
    const fault = text.split('\n').find((l) => l.includes('Unhandled page fault'));
    expect(fault).toMatch(/^iguana: Unhandled page fault at 0x00300000 \(write, ip 0x[0-9a-f]{8}\) in thread 0x00400001 of pagefault; thread deleted$/);
    const out = programOutput(text);
    expect(out).toContain('pagefault: receive from the stray thread failed (error 5); main goes on');
    expect(out).not.toContain('pagefault: the stray thread went on (wrong)');
    expect(text).toMatch(/^iguana: Unhandled exception in thread 0x00404001 at ip 0x[0-9a-f]{8}; thread deleted$/m);
    expect(out).toContain('pagefault: receive from the confused thread failed; main goes on');
    // The heap is a memsection the server backs on first touch; lookups find it, and nothing at the stray address.
    // The deleted threads' stacks went back to the PD's free space, so the heap reuses their place.
    expect(out).toContain('pagefault: heap at 0x400008 in memsection 0x400000 (262144 bytes)');
    expect(out).toContain('pagefault: lookup of 0x300000 gives 0x0');
    // The other program was not disturbed.
    expect(out).toContain('Second thread works!');
    expect(r.reason).toBe('halted');
  });

  it('serves the client API: identities, environment, memsections, thread_create + thread_start', () => {
    const b = bootIguanaBoard([{ name: 'api', elf: EXAMPLES.api(), args: ['one', 'two'] }], { devicecore: false });
    b.run();
    const worker = programOutput(b.console()).find((l) => l.startsWith('api: worker'));
    expect(programOutput(b.console())).toEqual([
      'api: 2 arguments: one two',
      'api: thread_myself = L4_Myself, getenv("API") = main, pd 2',
      'api: getenv("NO_SUCH_KEY") = 0',
      'api: fixed memsection at 0x800000 holds 42; again at the same place: 0x0',
      'api: lookup 0x801234 -> 0x800000 (8192 bytes)',
      'api: delete -> 1, lookup after -> 0x0, delete again -> 0',
      'api: thread_create -> a thread, thread_start -> 1',
      worker,
      'api: worker said label 2',
      'api: deleting a thread of another PD -> 0',
    ]);
    expect(worker).toMatch(/^api: worker 0x400001 runs on its own stack$/);
    expect(b.kernel.threads.size).toBe(0);
  });

  it('gives every frame back to the pool when the programs end', () => {
    const b = bootIguanaBoard([multithreadProgram(), { name: 'dining_philosophers', elf: EXAMPLES.dining(), args: ['1', '16'] }, { name: 'pagefault', elf: EXAMPLES.pagefault() }]);
    // The kernel image (hosted servers only) takes no frames; the server loaded everything else.
    const pool = b.kernel.userPool;
    b.run();
    expect(b.kernel.spaces.size).toBe(2); // the kernel image's: the server's and devicecore's
    expect(pool.freeBytes).toBe(pool.end - pool.base);
  });

  it('charges its own work through the cost meter (hosted entries and server text)', () => {
    const b = bootIguanaBoard([multithreadProgram()], { timing: 'cycle' });
    b.run();
    const hosted = [...b.kernel.entries.keys()].filter((k) => k.startsWith('hosted '));
    expect(hosted.length).toBeGreaterThan(0);
    for (const name of hosted) expect(b.kernel.entries.get(name)!.cycles).toBeGreaterThan(0);
  });

  it('prints the devicecore drivers\' configuration, ticks, stops the devices and releases the interrupts at the end', () => {
    const b = bootIguanaBoard([multithreadProgram()]);
    b.run();
    const lines = b.console().split('\n').filter((l) => l.startsWith('devicecore:'));
    expect(lines).toEqual([
      'devicecore: S3C2440A, 2 drivers',
      'devicecore: serial: UART1 registers 0x50004000 -> memsection 0x00400000 (uncached); IRQ 23 (UART1) -> notify bit 0, unmasked',
      'devicecore: serial: UART1 receive interrupts enabled',
      'devicecore: timer: PWM timer 0 registers 0x51000000 -> memsection 0x00401000 (uncached); IRQ 10 (TIMER0) -> notify bit 1, unmasked',
      'devicecore: timer: PWM timer 0 ticking at 100 Hz',
      'devicecore: enabled 2 of 2 devices (serial, timer)',
      'devicecore: serial: 0 bytes received, receiver off',
      'devicecore: timer: 2 ticks at 100 Hz, stopped',
    ]);
    expect(b.kernel.irqHandlers.size).toBe(0);
  });

  for (const [board, pwm, coreHz] of [['mba2440', 0x51000000, 400e6], ['smdk6410', 0x7f006000, 532e6]] as const) {
    it(`drives PWM timer 0 at 100 Hz on the ${board}: one tick per 10 ms of the run, then stopped`, () => {
      const b = bootIguanaBoard([multithreadProgram(), { name: 'dining_philosophers', elf: EXAMPLES.dining(), args: ['1', '8'] }], { board });
      const r = b.run();
      const line = b.console().split('\n').find((l) => l.startsWith('devicecore: timer: ') && l.endsWith('stopped'));
      const ticks = Number(/(\d+) ticks/.exec(line ?? '')?.[1]);
      // The run's cycles (the timer starts during it; boot-time console output came before).
      const ms = (r.cycles / coreHz) * 1e3;
      expect(ticks, line).toBeGreaterThan(1);
      expect(ticks).toBeLessThanOrEqual(Math.floor(ms / 10));
      expect(ticks).toBeGreaterThanOrEqual(Math.floor(ms / 10) - 1);
      expect(b.kernel.machine.bus.read32(pwm + 0x08) & 1).toBe(0); // TCON: timer 0 stopped
      expect(b.kernel.irqHandlers.size).toBe(0);
    });
  }
});
