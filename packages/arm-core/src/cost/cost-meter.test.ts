import { describe, expect, it } from 'vitest';
import { Arm920tControl } from '../cp15/arm920t-cp15.js';
import type { TimingMode } from '../memory/memory-types.js';
import { RAM_BASE, makeMachine } from '../memory/test-support.js';
import { ARM920T_TIMING } from '../timing/arm920t.js';
import { CostMeter } from './cost-meter.js';

const T = ARM920T_TIMING.memory;
const FILL = T.lineFillBusCycles * T.coreCyclesPerBusCycle;
const WALK = T.tableWalkReadBusCycles * T.coreCyclesPerBusCycle;
const HALF_WB = T.halfLineWriteBackBusCycles * T.coreCyclesPerBusCycle;
const OP = T.cacheOperation;

const KTEXT = 0xc0000000;
const KDATA = 0xc0100000;

/** A kernel's view: text and data sections, write-back cacheable, caches on, privileged. */
function kernelMachine(timing: TimingMode) {
  const m = makeMachine(timing);
  m.tables.section(KTEXT, RAM_BASE + 0x100000, { ap: 1, c: true, b: true });
  m.tables.section(KDATA, RAM_BASE + 0x200000, { ap: 1, c: true, b: true });
  m.mem.cp15.dacr = 1;
  m.mem.cp15.control = Arm920tControl.M | Arm920tControl.C | Arm920tControl.I | Arm920tControl.RR;
  return { ...m, meter: new CostMeter(m.mem) };
}

function cost(clock: { cycles: number }, fn: () => void): number {
  const before = clock.cycles;
  fn();
  return clock.cycles - before;
}

describe('CostMeter in cycle mode', () => {
  it('streams instructions through the I-TLB and I-cache', () => {
    const { meter, clock, mem } = kernelMachine('cycle');
    // 100 instructions = 400 bytes = 12.5 lines → 13 fills, one walk.
    expect(cost(clock, () => meter.instructions(100, KTEXT))).toBe(100 + WALK + 13 * FILL);
    expect(cost(clock, () => meter.instructions(100, KTEXT))).toBe(100);
    expect(mem.statistics().fetches).toBe(200);
    expect(mem.icache.stats.readMisses).toBe(13);
    expect(mem.icache.stats.readHits).toBe(187);
  });

  it('wraps within a loop body', () => {
    const { meter, clock } = kernelMachine('cycle');
    // A 16-instruction loop over two lines, run 1000 instructions: two fills.
    expect(cost(clock, () => meter.instructions(1000, KTEXT + 0x40, KTEXT + 0x80))).toBe(1000 + WALK + 2 * FILL);
    // A range not starting on a line boundary.
    expect(cost(clock, () => meter.instructions(3, KTEXT + 0x1c, KTEXT + 0x24))).toBe(3 + 2 * FILL);
  });

  it('charges data accesses with real misses, hits and write-backs', () => {
    const { meter, clock, mem } = kernelMachine('cycle');
    expect(cost(clock, () => meter.read(KDATA))).toBe(WALK + FILL);
    expect(cost(clock, () => meter.read(KDATA + 4))).toBe(0);
    expect(cost(clock, () => meter.write(KDATA + 8))).toBe(0);
    expect(mem.dcache.dirtyLines()).toBe(1);
    // A 64-byte copy source: two lines, one already cached.
    expect(cost(clock, () => meter.readRange(KDATA + 0x10, 48))).toBe(FILL);
    // Stores to uncached lines are write-buffered (read-allocate cache): no stall for a few.
    expect(cost(clock, () => meter.writeRange(KDATA + 0x1000, 16))).toBe(0);
  });

  it('makes a D-cache clean cost its dirty lines, and refills after invalidation real misses', () => {
    const { meter, clock } = kernelMachine('cycle');
    for (let i = 0; i < 8; i++) {
      meter.read(KDATA + i * 32);
      meter.write(KDATA + i * 32);
    }
    expect(cost(clock, () => meter.cleanDCache())).toBe(512 * OP + 8 * HALF_WB);
    expect(cost(clock, () => meter.cleanDCache())).toBe(512 * OP);
    meter.write(KDATA);
    expect(cost(clock, () => meter.cleanInvalidateDCacheRange(KDATA, 64))).toBe(2 * OP + HALF_WB);
    expect(cost(clock, () => meter.read(KDATA))).toBe(FILL);
    expect(cost(clock, () => meter.cleanInvalidateDCache())).toBe(512 * OP);
    expect(cost(clock, () => meter.read(KDATA + 32 * 5))).toBe(FILL);
  });

  it('flushes TLBs and the I-cache on the models', () => {
    const { meter, clock } = kernelMachine('cycle');
    meter.instructions(8, KTEXT);
    meter.read(KDATA);
    expect(cost(clock, () => meter.flushTlbs())).toBe(OP);
    expect(cost(clock, () => meter.read(KDATA))).toBe(WALK);
    expect(cost(clock, () => meter.invalidateICache())).toBe(OP);
    expect(cost(clock, () => meter.instructions(8, KTEXT))).toBe(8 + WALK + FILL);
    expect(cost(clock, () => meter.drainWriteBuffer())).toBe(OP);
    expect(cost(clock, () => meter.stall(7))).toBe(7);
  });

  it('reports faults as clear errors and leaves FSR/FAR alone', () => {
    const { meter, mem } = kernelMachine('cycle');
    mem.cp15.far = 0x1234;
    expect(() => meter.read(0x40000000)).toThrow(/cost meter: read at 0x40000000.*translation fault \(section\)/);
    expect(() => meter.instructions(4, 0x50000000)).toThrow(/instruction fetch/);
    mem.privileged = false;
    expect(() => meter.write(KDATA)).toThrow(/permission fault/);
    expect(mem.cp15.far).toBe(0x1234);
    expect(mem.cp15.dataFsr).toBe(0);
  });

  it('validates its arguments', () => {
    const { meter } = kernelMachine('cycle');
    expect(() => meter.instructions(-1, KTEXT)).toThrow(/non-negative/);
    expect(() => meter.instructions(4, KTEXT + 2)).toThrow(/aligned/);
    expect(() => meter.instructions(4, KTEXT, KTEXT)).toThrow(/empty/);
  });
});

describe('CostMeter in functional mode', () => {
  it('charges one cycle per instruction and nothing for data or maintenance', () => {
    const { meter, clock } = kernelMachine('functional');
    expect(cost(clock, () => meter.instructions(100, KTEXT))).toBe(100);
    expect(cost(clock, () => {
      meter.read(KDATA);
      meter.write(KDATA);
      meter.readRange(KDATA, 4096);
      meter.cleanDCache();
      meter.flushTlbs();
      meter.cleanInvalidateDCacheRange(KDATA, 4096);
      meter.stall(10);
    })).toBe(0);
    // Translations are still checked.
    expect(() => meter.read(0x40000000)).toThrow(/cost meter/);
  });
});

describe('CostMeter attribution', () => {
  it('records cycles per named path, nested paths counted inclusive and self', () => {
    const { meter } = kernelMachine('functional');
    const result = meter.path('syscall', () => {
      meter.instructions(10, KTEXT);
      meter.path('ipc.fastpath', () => meter.instructions(30, KTEXT + 0x100));
      return 'ok';
    });
    expect(result).toBe('ok');
    meter.begin('ipc.fastpath');
    meter.instructions(20, KTEXT + 0x100);
    meter.end('ipc.fastpath');
    expect(meter.paths()).toEqual([
      { name: 'ipc.fastpath', calls: 2, cycles: 50, selfCycles: 50 },
      { name: 'syscall', calls: 1, cycles: 40, selfCycles: 10 },
    ]);
    const table = meter.formatPaths();
    expect(table.split('\n')[0]).toMatch(/path\s+calls\s+cycles\s+self/);
    expect(table).toMatch(/ipc\.fastpath\s+2\s+50\s+50\s+25\.0\s+83\.3/);
  });

  it('ends a path even when its body throws, and checks begin/end pairing', () => {
    const { meter } = kernelMachine('functional');
    expect(() => meter.path('boom', () => {
      throw new Error('x');
    })).toThrow('x');
    expect(meter.openPaths).toEqual([]);
    expect(meter.paths()[0]).toMatchObject({ name: 'boom', calls: 1 });
    meter.begin('a');
    expect(() => meter.end('b')).toThrow(/innermost path is 'a'/);
    expect(() => meter.resetPaths()).toThrow(/open/);
    meter.end();
    expect(() => meter.end()).toThrow(/without a matching begin/);
    meter.resetPaths();
    expect(meter.paths()).toEqual([]);
  });
});
