import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readElf, writeElf } from './elf-writer.js';
import { arm, thumb } from './mini-asm.js';
import { QemuRunner, qemuVersion } from './qemu-runner.js';
import { BLOCK, BUFFER_SIZE, IMAGE_BASE, IMAGE_END, PROLOGUE, buildImage, initialBuffer, type TestProgram } from './test-image.js';

const hasTool = (name: string): boolean => spawnSync(name, ['--version']).status === 0;
const HAVE_AS = hasTool('arm-none-eabi-as') && hasTool('arm-none-eabi-objcopy');
const QEMU = qemuVersion();

const regs = Array.from({ length: 15 }, (_, i) => (i * 0x01010101) >>> 0);

describe('ELF writer', () => {
  it('writes an ELF32 little-endian ARM EABI5 executable with one RWX PT_LOAD segment', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const file = writeElf({ entry: 0x10004, segments: [{ vaddr: 0x10000, bytes, writable: true, executable: true }] });
    const elf = readElf(file);
    expect(elf.entry).toBe(0x10004);
    expect(elf.machine).toBe(40);
    expect(elf.flags).toBe(0x05000000);
    expect(elf.segments).toHaveLength(1);
    const [s] = elf.segments;
    expect(s).toMatchObject({ vaddr: 0x10000, fileSize: 8, memSize: 8, flags: 7 });
    expect(s.offset % 0x1000).toBe(0x10000 % 0x1000);
    expect(Array.from(file.slice(s.offset, s.offset + 8))).toEqual(Array.from(bytes));
  });

  it('keeps each segment at a file offset congruent to its address', () => {
    const file = writeElf({
      entry: 0x8000,
      segments: [
        { vaddr: 0x8000, bytes: new Uint8Array(0x1234), executable: true },
        { vaddr: 0x20010, bytes: new Uint8Array(16), memSize: 64, writable: true },
      ],
    });
    const elf = readElf(file);
    expect(elf.segments.map((s) => [s.offset % 0x1000, s.vaddr % 0x1000, s.memSize])).toEqual([
      [0, 0, 0x1234],
      [0x10, 0x10, 64],
    ]);
  });

  it('lays out the test image: prologue, block at a fixed address, data buffer from the seed', () => {
    const program: TestProgram = { isa: 'arm', code: [0xe0910002], initial: { regs, flags: 0b1010, bufferSeed: 7 } };
    const image = buildImage(program);
    expect(image.blockStart).toBe(BLOCK);
    expect(image.blockEnd).toBe(BLOCK + 4);
    expect(image.memory.length).toBe(IMAGE_END - IMAGE_BASE);
    const view = new DataView(image.memory.buffer);
    expect(view.getUint32(BLOCK - IMAGE_BASE, true)).toBe(0xe0910002);
    expect(view.getUint32(PROLOGUE - IMAGE_BASE + 4, true)).toBe(arm.msrCpsrFlags(0));
    expect(image.memory.slice(IMAGE_END - BUFFER_SIZE - IMAGE_BASE)).toEqual(initialBuffer(7));
    expect(readElf(image.elf).entry).toBe(PROLOGUE);
  });

  it.skipIf(!HAVE_AS)(`encodes the prologue/epilogue instructions as the GNU assembler does${HAVE_AS ? '' : ' (skipped: arm-none-eabi-as not installed)'}`, () => {
    // Each pair: assembler text at its offset from 0, and the word/halfword from mini-asm.
    const armCases: [string, number][] = [
      ['ldr r0, [pc, #4008]', arm.ldrLiteral(0, 0, 4016)],
      ['ldr r1, [pc, #-12]', arm.ldrLiteral(1, 4, 0)],
      ['str r0, [pc, #100]', arm.strPcRelative(0, 8, 116)],
      ['str r1, [r0]', arm.strImm(1, 0, 0)],
      ['ldr r2, [r3, #8]', arm.ldrImm(2, 3, 8)],
      ['msr cpsr_f, r0', arm.msrCpsrFlags(0)],
      ['mrs r3, cpsr', arm.mrsCpsr(3)],
      ['ldmia r0, {r0-r14}', arm.ldmia(0, 0x7fff)],
      ['stmia r2, {r0, r1}', arm.stmia(2, 3)],
      ['stmib r0, {r1-r14}', arm.stmib(0, 0x7ffe)],
      ['mov r7, #4', arm.movImm(7, 4)],
      ['mov r1, r0', arm.movReg(1, 0)],
      ['add lr, pc, #1', arm.addImm(14, 15, 1)],
      ['bx lr', arm.bx(14)],
      ['svc 0', arm.svc(0)],
      ['b .+0x88', arm.b(0x3c, 0x3c + 0x88)],
    ];
    const thumbCases: [string, number][] = [
      ['mov lr, r0', thumb.movHigh(14, 0)],
      ['ldr r0, [pc, #4]', thumb.ldrLiteral(0, armCases.length * 4 + 2, ((armCases.length * 4 + 2 + 4) & ~3) + 4)],
      ['b .+0x40', thumb.b(armCases.length * 4 + 4, armCases.length * 4 + 4 + 0x40)],
      ['bx pc', thumb.bx(15)],
      ['mov r8, r8', thumb.nop],
    ];
    const src = ['.syntax unified', '.arm', ...armCases.map(([t]) => t), '.thumb', ...thumbCases.map(([t]) => t), ''].join('\n');
    const dir = mkdtempSync(join(tmpdir(), 'l4lab-as-'));
    try {
      writeFileSync(join(dir, 'a.s'), src);
      const as = spawnSync('arm-none-eabi-as', ['-o', join(dir, 'a.o'), join(dir, 'a.s')], { encoding: 'utf8' });
      expect(as.stderr).toBe('');
      expect(spawnSync('arm-none-eabi-objcopy', ['-O', 'binary', join(dir, 'a.o'), join(dir, 'a.bin')]).status).toBe(0);
      const bin = readFileSync(join(dir, 'a.bin'));
      const got: string[] = [];
      const want: string[] = [];
      armCases.forEach(([text, word], i) => {
        got.push(`${text}: ${word.toString(16)}`);
        want.push(`${text}: ${bin.readUInt32LE(i * 4).toString(16)}`);
      });
      thumbCases.forEach(([text, half], i) => {
        got.push(`${text}: ${half.toString(16)}`);
        want.push(`${text}: ${bin.readUInt16LE(armCases.length * 4 + i * 2).toString(16)}`);
      });
      expect(got).toEqual(want);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.skipIf(!QEMU)(`under qemu-arm${QEMU ? '' : ' (skipped: qemu-arm not installed)'}`, () => {
    it('runs an ARM block and reports registers, flags and the buffer', () => {
      const q = new QemuRunner('ti925t');
      try {
        // adds r0, r1, r2 ; str r0, [r12]   (r12 → buffer)
        const r12 = IMAGE_END - BUFFER_SIZE + 0x20;
        const init = regs.map((v, i) => (i === 12 ? r12 : v));
        const r = q.runSync({ isa: 'arm', code: [0xe0910002, 0xe58c0000], initial: { regs: init, flags: 0b1010, bufferSeed: 3 } });
        if (!r.ok) throw new Error(r.error);
        expect(r.state.regs[0]).toBe(0x03030303);
        expect(r.state.regs.slice(1)).toEqual(init.slice(1));
        expect(r.state.cpsr).toBe(0x00000010); // N Z C V clear after the ADDS, user mode
        expect(new DataView(r.state.buffer.buffer).getUint32(0x20, true)).toBe(0x03030303);
      } finally {
        q.dispose();
      }
    });

    it('runs a Thumb block entered and left through BX', () => {
      const q = new QemuRunner('ti925t');
      try {
        const r = q.runSync({ isa: 'thumb', code: [0x1888 /* adds r0, r1, r2 */, 0x4276 /* negs r6, r6 */], initial: { regs, flags: 0b0101, bufferSeed: 3 } });
        if (!r.ok) throw new Error(r.error);
        expect(r.state.regs[0]).toBe(0x03030303);
        expect(r.state.regs[6]).toBe((-0x06060606 >>> 0));
        expect(r.state.regs[14]).toBe(regs[14]);
        expect(r.state.cpsr >>> 28).toBe(0b1000); // N set, borrow → C clear
      } finally {
        q.dispose();
      }
    });
  });
});
