import { describe, expect, it } from 'vitest';
import type { ArchVersion } from '../cpu/arch.js';
import { armTraits, thumbTraits, type InstructionTraits } from './traits.js';

const regs = (...r: number[]): number => r.reduce((m, k) => m | (1 << k), 0);

function summary(t: InstructionTraits): string {
  return [t.class, t.memory ? 'mem' : '', t.writesPc ? 'pc' : '', t.unpredictable ? 'unpred' : ''].filter(Boolean).join(' ');
}

describe('armTraits', () => {
  // [word, arch, summary, registers (undefined: not checked)]
  const cases: [number, ArchVersion, string, number?][] = [
    [0xe0810002, 'v4T', 'data', regs(0, 1, 2)], // add r0, r1, r2
    [0xe1a0f00e, 'v4T', 'data pc', regs(14, 15)], // mov pc, lr
    [0xe1b0f00e, 'v4T', 'data pc unpred'], // movs pc, lr (mode-dependent)
    [0xe1500001, 'v4T', 'data', regs(0, 1)], // cmp r0, r1
    [0xe1a00110, 'v4T', 'data', regs(0, 1)], // lsl r0, r0, r1
    [0xe1a0f110, 'v4T', 'data pc unpred'], // lsl pc, r0, r1
    [0xe3a00cff, 'v4T', 'data', regs(0)], // mov r0, #0xff00
    [0xe5910004, 'v4T', 'load mem', regs(0, 1)], // ldr r0, [r1, #4]
    [0xe5b11004, 'v4T', 'load mem unpred'], // ldr r1, [r1, #4]!
    [0xe591f000, 'v4T', 'load mem pc', regs(1, 15)], // ldr pc, [r1]
    [0xe7810002, 'v4T', 'store mem', regs(0, 1, 2)], // str r0, [r1, r2]
    [0xe1d100b2, 'v4T', 'load mem', regs(0, 1)], // ldrh r0, [r1, #2]
    [0xe8bd8001, 'v4T', 'load-multiple mem pc', regs(0, 13, 15)], // pop {r0, pc}
    [0xe92d4001, 'v4T', 'store-multiple mem', regs(0, 13, 14)], // push {r0, lr}
    [0xe8b10003, 'v4T', 'load-multiple mem unpred'], // ldm r1!, {r0, r1}
    [0xe0000291, 'v4T', 'multiply', regs(0, 1, 2)], // mul r0, r1, r2
    [0xe0000090, 'v4T', 'multiply unpred'], // mul r0, r0, r0 (Rd = Rm before v6)
    [0xe0000090, 'v6', 'multiply'],
    [0xe0832190, 'v4T', 'multiply', regs(0, 1, 2, 3)], // umull r2, r3, r0, r1
    [0xe1010092, 'v4T', 'atomic mem', regs(0, 1, 2)], // swp r0, r2, [r1]
    [0xe12fff1e, 'v4T', 'branch pc', regs(14)], // bx lr
    [0xea000000, 'v4T', 'branch pc', 0], // b
    [0xeb000000, 'v4T', 'branch pc', regs(14)], // bl
    [0xef000000, 'v4T', 'exception pc'], // svc 0
    [0xe10f0000, 'v4T', 'status', regs(0)], // mrs r0, CPSR
    [0xe121f001, 'v4T', 'status', regs(1)], // msr CPSR_c, r1
    [0xee110f10, 'v4T', 'coprocessor', regs(0)], // mrc 15, 0, r0, cr1, cr0, {0}
    [0xed910100, 'v4T', 'coprocessor mem', regs(1)], // ldc 1, cr0, [r1]
    [0xe7f000f0, 'v4T', 'undefined pc'], // udf #0
    [0xe16f0f11, 'v4T', 'undefined pc'], // clz r0, r1
    [0xe16f0f11, 'v5T', 'data', regs(0, 1)],
    [0xe1c020d0, 'v4T', 'undefined pc'], // ldrd r2, [r0]
    [0xe1c020d0, 'v5TE', 'load mem', regs(0, 2, 3)],
    [0xfa000000, 'v4T', 'undefined pc'], // blx
    [0xfa000000, 'v5T', 'branch pc', regs(14)],
    [0xe6bf0f31, 'v4T', 'undefined pc'], // rev r0, r1
    [0xe6bf0f31, 'v6', 'data', regs(0, 1)],
    [0xf1080080, 'v6', 'status'], // cpsie i
  ];
  it.each(cases)('0x%s on %s: %s', (word, arch, expected, registers) => {
    const t = armTraits(word, arch);
    expect(summary(t)).toBe(expected);
    if (registers !== undefined) expect(t.registers).toBe(registers);
  });
});

describe('thumbTraits', () => {
  const cases: [number, ArchVersion, string, number?][] = [
    [0x1888, 'v4T', 'data', regs(0, 1, 2)], // adds r0, r1, r2
    [0x4348, 'v4T', 'multiply', regs(0, 1)], // muls r0, r1
    [0x4340, 'v4T', 'multiply unpred'], // muls r0, r0
    [0x4340, 'v6', 'multiply'],
    [0x4408, 'v4T', 'data unpred'], // add r0, r1 (both low, hi-register form)
    [0x4408, 'v6', 'data'],
    [0x4448, 'v4T', 'data', regs(0, 9)], // add r0, r9
    [0x45f5, 'v4T', 'data', regs(13, 14)], // cmp sp, lr
    [0x45f8, 'v4T', 'data unpred'], // cmp r8, pc
    [0x46f7, 'v4T', 'data pc', regs(14, 15)], // mov pc, lr
    [0x4770, 'v4T', 'branch pc', regs(14)], // bx lr
    [0x4780, 'v4T', 'undefined pc'], // blx r0
    [0x4780, 'v5T', 'branch pc', regs(0, 14)],
    [0x4800, 'v4T', 'load mem', regs(0, 15)], // ldr r0, [pc, #0]
    [0x5088, 'v4T', 'store mem', regs(0, 1, 2)], // str r0, [r1, r2]
    [0x5688, 'v4T', 'load mem', regs(0, 1, 2)], // ldrsb r0, [r1, r2]
    [0x8888, 'v4T', 'load mem', regs(0, 1)], // ldrh r0, [r1, #4]
    [0x9001, 'v4T', 'store mem', regs(0, 13)], // str r0, [sp, #4]
    [0xa001, 'v4T', 'data', regs(0, 15)], // add r0, pc, #4
    [0xb081, 'v4T', 'data', regs(13)], // sub sp, #4
    [0xb500, 'v4T', 'store-multiple mem', regs(13, 14)], // push {lr}
    [0xbd01, 'v4T', 'load-multiple mem pc', regs(0, 13, 15)], // pop {r0, pc}
    [0xb400, 'v4T', 'undefined pc'], // push {}
    [0xc003, 'v4T', 'store-multiple mem', regs(0, 1)], // stmia r0!, {r0, r1}
    [0xc103, 'v4T', 'store-multiple mem unpred'], // stmia r1!, {r0, r1}
    [0xc803, 'v4T', 'load-multiple mem', regs(0, 1)], // ldmia r0, {r0, r1}
    [0xd000, 'v4T', 'branch pc', 0], // beq
    [0xde00, 'v4T', 'undefined pc'], // udf
    [0xdf00, 'v4T', 'exception pc'], // svc
    [0xe000, 'v4T', 'branch pc'], // b
    [0xe800, 'v4T', 'undefined pc'], // blx suffix
    [0xe800, 'v5T', 'branch pc', regs(14)],
    [0xf000, 'v4T', 'branch', regs(14)], // bl prefix: writes LR only
    [0xf800, 'v4T', 'branch pc', regs(14)], // bl suffix
    [0xbe00, 'v4T', 'undefined pc'], // bkpt
    [0xbe00, 'v5T', 'exception pc'],
    [0xba08, 'v6', 'data', regs(0, 1)], // rev r0, r1
    [0xb672, 'v6', 'status'], // cpsid if
  ];
  it.each(cases)('0x%s on %s: %s', (word, arch, expected, registers) => {
    const t = thumbTraits(word, arch);
    expect(summary(t)).toBe(expected);
    if (registers !== undefined) expect(t.registers).toBe(registers);
  });
});
