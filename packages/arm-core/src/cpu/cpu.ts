import type { ArchVersion } from './arch.js';
import type { Coprocessor } from './coprocessor.js';
import { MemoryFault, VECTOR_OFFSET, type ExceptionKind } from './fault.js';
import type { MemoryPort } from './memory-port.js';
import { BANKS, Mode, PSR, bankOf, modeName, type ModeName, MODE_BY_NAME } from './modes.js';
import type { Clock } from '../sched/scheduler.js';

/** Executes one ARM (32-bit) or Thumb (16-bit) instruction whose condition has passed. */
export type InstructionHandler = (cpu: Cpu, instr: number) => void;

/** Decoders the core executes with; built from the encoding tables for the core's architecture. */
export interface InstructionSet {
  readonly arch: ArchVersion;
  decodeArm(instr: number): InstructionHandler;
  decodeThumb(instr: number): InstructionHandler;
  /** Handler for ARM instructions with cond = 0b1111 (unconditional space, v5+); UNDEFINED on v4T. */
  decodeArmUnconditional(instr: number): InstructionHandler;
}

/**
 * A core's own cycle-mode pipeline model (the ARM1176's: result latencies, branch prediction). Without
 * one, `cycle` mode charges 1 + the executors' `extraCycles` (the ARM9TDMI model).
 */
export interface PipelineModel {
  /**
   * Core cycles the instruction at `address` took, called after it executed (memory stalls are already on
   * the clock). `instr` is the ARM word or Thumb halfword, -1 when its fetch aborted; `executed` is false
   * for an ARM instruction whose condition failed; `trapped` when it took an exception (SWI, UNDEFINED,
   * abort…).
   */
  cycles(cpu: Cpu, address: number, instr: number, thumb: boolean, executed: boolean, trapped: boolean): number;
  /** Cycles to enter an interrupt taken between instructions (IRQ, FIQ). */
  interruptEntry?(cpu: Cpu): number;
  /** Forgets in-flight results (core reset). */
  reset?(): void;
}

/** What a kernel hook sees when it owns an exception vector. */
export interface ExceptionEvent {
  readonly kind: ExceptionKind;
  /** Address of the instruction that caused it (for IRQ/FIQ: of the next instruction to run). */
  readonly address: number;
  /** The instruction word for SWI/undefined/SMC, else 0. */
  readonly instruction: number;
  /** The fault for aborts. */
  readonly fault?: MemoryFault;
}
export type ExceptionHook = (cpu: Cpu, event: ExceptionEvent) => void;

/** How far LR is set past the faulting instruction, and what the standard return subtracts. */
const RETURN_ADJUST: Record<ExceptionKind, number> = {
  reset: 0,
  undefined: 0,
  swi: 0,
  smc: 0,
  'prefetch-abort': 4,
  'data-abort': 8,
  irq: 4,
  fiq: 4,
};
const EXCEPTION_MODE: Record<ExceptionKind, number> = {
  reset: Mode.SVC,
  undefined: Mode.UND,
  swi: Mode.SVC,
  smc: Mode.MON,
  'prefetch-abort': Mode.ABT,
  'data-abort': Mode.ABT,
  irq: Mode.IRQ,
  fiq: Mode.FIQ,
};

/** Condition pass table indexed by (cond << 4) | NZCV. */
const CONDITION_PASSES = (() => {
  const t = new Uint8Array(256);
  for (let cond = 0; cond < 16; cond++) {
    for (let f = 0; f < 16; f++) {
      const n = (f >> 3) & 1, z = (f >> 2) & 1, c = (f >> 1) & 1, v = f & 1;
      const r = [z, 1 - z, c, 1 - c, n, 1 - n, v, 1 - v, c & (1 - z), (1 - c) | z, n === v ? 1 : 0, n !== v ? 1 : 0,
        z === 0 && n === v ? 1 : 0, z === 1 || n !== v ? 1 : 0, 1, 1][cond];
      t[(cond << 4) | f] = r;
    }
  }
  return t;
})();

export interface CpuOptions {
  readonly isa: InstructionSet;
  readonly memory: MemoryPort;
  readonly clock: Clock;
  /** `cycle` adds instruction timings and memory stalls; `functional` counts one cycle per instruction. */
  readonly timing: 'functional' | 'cycle';
  /** The core's pipeline model for `cycle` mode (ARM1176); default: the executors' ARM9TDMI charges. */
  readonly pipeline?: PipelineModel;
}

/**
 * The ARM core: registers and banks, CPSR/SPSR, the fetch/decode/execute step, exception entry and return,
 * IRQ/FIQ inputs, coprocessors, and hooks through which a kernel written in TypeScript can own vectors.
 */
export class Cpu {
  /** r0–r15 of the current mode. During execution r[15] reads as the instruction's address + 8 (ARM) / + 4 (Thumb). */
  readonly r = new Uint32Array(16);
  /** Flags kept apart from the CPSR for speed: each 0 or 1. */
  n = 0;
  z = 0;
  c = 0;
  v = 0;
  q = 0;
  /** CPSR bits other than N Z C V Q (mode, T, I, F, A, E, GE, J). */
  private psrRest = Mode.SVC | PSR.I | PSR.F;
  thumb = false;
  readonly spsr = new Uint32Array(BANKS);
  private readonly bankR13 = new Uint32Array(BANKS);
  private readonly bankR14 = new Uint32Array(BANKS);
  private readonly usrR8to12 = new Uint32Array(5);
  private readonly fiqR8to12 = new Uint32Array(5);

  /** Address of the next instruction to execute. */
  nextPc = 0;
  /** Address of the instruction executing now. */
  currentPc = 0;
  /** Extra cycles charged by the executing instruction (interlocks, multi-cycle ops); used in cycle mode. */
  extraCycles = 0;
  /**
   * Load-use interlock (cycle mode), 0 = none. Bits 0–15: registers the last load wrote; 16–17: stall
   * cycles if the next instruction reads one; 18–30: low 13 bits of `instructions` for that next
   * instruction. Set by `noteLoad`, charged and cleared by `chargeLoadUse` (exec/arm/timing.ts).
   */
  pendingLoadUse = 0;
  instructions = 0;
  readonly cycleTiming: boolean;
  /** Cycle mode's pipeline model when the core has its own (see PipelineModel); may be set after construction. */
  pipeline: PipelineModel | undefined;
  /** Exceptions taken so far. */
  exceptionsTaken = 0;

  irqLine = false;
  fiqLine = false;
  waitingForInterrupt = false;
  vectorBase = 0;
  /** Set by CP15 (ARMv6 TrustZone): Monitor vector base. */
  monitorVectorBase = 0;
  readonly coprocessors: (Coprocessor | undefined)[] = new Array(16).fill(undefined);
  private readonly hooks = new Map<ExceptionKind, ExceptionHook>();
  private currentException: ExceptionKind | undefined;
  /** Exclusive monitor (ARMv6 LDREX/STREX): reserved address or -1. */
  exclusiveAddress = -1;
  /** Data endianness (ARMv6 SETEND / CPSR.E): true = big-endian data accesses. */
  bigEndianData = false;
  /**
   * ARMv6 CP15 c1.U, set by whoever wires CP15: unaligned LDR/STR/LDRH/STRH go through the port's
   * `readUnaligned*`/`writeUnaligned*` instead of the ARMv4 rotation.
   */
  unalignedAccess = false;
  /** ARMv6 CP15 c1.EE, set by whoever wires CP15: the CPSR.E value exception entry sets. */
  exceptionBigEndian = false;

  readonly isa: InstructionSet;
  readonly memory: MemoryPort;
  readonly clock: Clock;

  constructor(options: CpuOptions) {
    this.isa = options.isa;
    this.memory = options.memory;
    this.clock = options.clock;
    this.cycleTiming = options.timing === 'cycle';
    this.pipeline = options.pipeline;
    this.reset();
  }

  get arch(): ArchVersion {
    return this.isa.arch;
  }

  // ---- registers -------------------------------------------------------------------------------

  get mode(): number {
    return this.psrRest & PSR.MODE_MASK;
  }
  get privileged(): boolean {
    return (this.psrRest & PSR.MODE_MASK) !== Mode.USR;
  }
  /** The address of the next instruction to execute. */
  get pc(): number {
    return this.nextPc >>> 0;
  }
  set pc(value: number) {
    this.nextPc = value >>> 0;
    this.waitingForInterrupt = false;
  }

  /** CPSR.GE[3:0] (ARMv6 SIMD flags, CPSR bits 19:16), without a full CPSR write. */
  get ge(): number {
    return (this.psrRest >>> 16) & 15;
  }
  set ge(value: number) {
    this.psrRest = (this.psrRest & ~0xf0000) | ((value & 15) << 16);
  }

  get cpsr(): number {
    return ((this.n << 31) | (this.z << 30) | (this.c << 29) | (this.v << 28) | (this.q << 27) | this.psrRest | (this.thumb ? PSR.T : 0)) >>> 0;
  }
  set cpsr(value: number) {
    this.writeCpsr(value >>> 0);
  }

  /** Writes the whole CPSR, switching register banks when the mode changes. */
  writeCpsr(value: number): void {
    const newMode = value & PSR.MODE_MASK;
    if (bankOf(newMode) < 0) {
      // Unpredictable; keep the current mode rather than corrupt the banks.
      value = (value & ~PSR.MODE_MASK) | this.mode;
    }
    this.switchMode(value & PSR.MODE_MASK);
    this.n = (value >>> 31) & 1;
    this.z = (value >>> 30) & 1;
    this.c = (value >>> 29) & 1;
    this.v = (value >>> 28) & 1;
    this.q = (value >>> 27) & 1;
    this.thumb = (value & PSR.T) !== 0;
    this.psrRest = value & ~(0xf8000000 | PSR.T);
    this.bigEndianData = (value & PSR.E) !== 0;
    const memory = this.memory;
    memory.privileged = this.privileged;
    // ARM1176: the memory system tracks Monitor mode (always Secure) for its translation regime.
    if (memory.modeChanged !== undefined) memory.modeChanged(value & PSR.MODE_MASK);
  }

  /** The SPSR of the current mode (undefined in usr/sys, reads as 0). */
  get currentSpsr(): number {
    const b = bankOf(this.mode);
    return b > 0 ? this.spsr[b] : 0;
  }
  set currentSpsr(value: number) {
    const b = bankOf(this.mode);
    if (b > 0) this.spsr[b] = value;
  }
  get hasSpsr(): boolean {
    return bankOf(this.mode) > 0;
  }

  /** Register n (0–15) as seen in `mode` (default: the current mode). r15 reads as the next instruction's address. */
  getReg(n: number, mode?: ModeName | number): number {
    if (n === 15) return this.pc;
    const m = mode === undefined ? this.mode : typeof mode === 'string' ? MODE_BY_NAME[mode] : mode;
    return this.readBanked(n, m);
  }

  setReg(n: number, value: number, mode?: ModeName | number): void {
    if (n === 15) {
      this.pc = value;
      return;
    }
    const m = mode === undefined ? this.mode : typeof mode === 'string' ? MODE_BY_NAME[mode] : mode;
    this.writeBanked(n, m, value >>> 0);
  }

  /** Register n of `mode` regardless of the current mode (used by LDM/STM ^ and by kernels). */
  readBanked(n: number, mode: number): number {
    const cur = bankOf(this.mode);
    const want = bankOf(mode);
    if (want < 0) throw new Error(`readBanked: invalid mode 0x${mode.toString(16)}`);
    if (n < 8 || n === 15 || want === cur) return this.r[n];
    if (n <= 12) {
      if ((want === 1) === (cur === 1)) return this.r[n];
      return want === 1 ? this.fiqR8to12[n - 8] : this.usrR8to12[n - 8];
    }
    return n === 13 ? this.bankR13[want] : this.bankR14[want];
  }

  writeBanked(n: number, mode: number, value: number): void {
    const cur = bankOf(this.mode);
    const want = bankOf(mode);
    if (want < 0) throw new Error(`writeBanked: invalid mode 0x${mode.toString(16)}`);
    if (n < 8 || n === 15 || want === cur) {
      this.r[n] = value;
      return;
    }
    if (n <= 12) {
      if ((want === 1) === (cur === 1)) this.r[n] = value;
      else if (want === 1) this.fiqR8to12[n - 8] = value;
      else this.usrR8to12[n - 8] = value;
      return;
    }
    if (n === 13) this.bankR13[want] = value;
    else this.bankR14[want] = value;
  }

  private switchMode(newMode: number): void {
    const cur = bankOf(this.mode);
    const next = bankOf(newMode);
    if (cur === next) return;
    this.bankR13[cur] = this.r[13];
    this.bankR14[cur] = this.r[14];
    if (cur === 1 || next === 1) {
      const save = cur === 1 ? this.fiqR8to12 : this.usrR8to12;
      const load = next === 1 ? this.fiqR8to12 : this.usrR8to12;
      for (let i = 0; i < 5; i++) {
        save[i] = this.r[8 + i];
        this.r[8 + i] = load[i];
      }
    }
    this.r[13] = this.bankR13[next];
    this.r[14] = this.bankR14[next];
  }

  // ---- instruction-level helpers used by the executors ---------------------------------------------

  conditionPassed(cond: number): boolean {
    return CONDITION_PASSES[(cond << 4) | (this.n << 3) | (this.z << 2) | (this.c << 1) | this.v] === 1;
  }

  /** Writes PC as a branch (ARM: word-aligned; Thumb: halfword-aligned) without changing state. */
  branchTo(address: number): void {
    this.nextPc = (this.thumb ? address & ~1 : address & ~3) >>> 0;
  }

  /** BX-style write: bit 0 selects Thumb. */
  branchExchange(address: number): void {
    this.thumb = (address & 1) !== 0;
    this.nextPc = (address & (this.thumb ? ~1 : ~3)) >>> 0;
  }

  /** Writes a result register; r15 becomes a branch (ARMv4: no interworking for data-processing). */
  writeReg(rd: number, value: number): void {
    if (rd === 15) this.branchTo(value);
    else this.r[rd] = value;
  }

  /** Copies SPSR to CPSR (exception return through MOVS pc / LDM ^). */
  restoreCpsrFromSpsr(): void {
    if (this.hasSpsr) this.writeCpsr(this.currentSpsr);
  }

  // ---- exceptions ------------------------------------------------------------------------------------

  /** Lets a kernel written in TypeScript own an exception vector; its hook runs after architectural entry. */
  hookException(kind: ExceptionKind, hook: ExceptionHook | undefined): void {
    if (hook) this.hooks.set(kind, hook);
    else this.hooks.delete(kind);
  }

  /**
   * Takes an exception as the architecture does: SPSR ← CPSR, mode switch, LR, I (and F) set, T cleared,
   * PC ← vector. `address` is the faulting instruction (or, for interrupts, the next one to run).
   */
  takeException(kind: ExceptionKind, address: number, instruction = 0, fault?: MemoryFault): void {
    const oldCpsr = this.cpsr;
    const wasThumb = this.thumb;
    let lr: number;
    switch (kind) {
      case 'undefined':
      case 'swi':
      case 'smc':
        lr = address + (wasThumb ? 2 : 4);
        break;
      case 'prefetch-abort':
        lr = address + 4;
        break;
      case 'data-abort':
        lr = address + 8;
        break;
      case 'irq':
      case 'fiq':
        lr = address + 4;
        break;
      default:
        lr = 0;
    }
    const mode = EXCEPTION_MODE[kind];
    let rest = (this.psrRest & ~PSR.MODE_MASK) | mode | PSR.I;
    if (kind === 'fiq' || kind === 'reset') rest |= PSR.F;
    if (this.arch === 'v6' || this.arch === 'v6K' || this.arch === 'v6Z') {
      if (kind === 'reset' || kind === 'fiq' || kind === 'data-abort' || kind === 'irq') rest |= PSR.A;
      // ARMv6: exception entry sets the data endianness from c1.EE.
      rest = (rest & ~PSR.E) | (this.exceptionBigEndian ? PSR.E : 0);
    }
    this.writeCpsr((oldCpsr & 0xf8000000) | (rest & ~PSR.T));
    this.thumb = false;
    if (kind !== 'reset') {
      this.currentSpsr = oldCpsr;
      this.r[14] = lr;
    }
    const base = kind === 'smc' ? this.monitorVectorBase : this.vectorBase;
    this.nextPc = (base + VECTOR_OFFSET[kind]) >>> 0;
    this.waitingForInterrupt = false;
    this.exclusiveAddress = -1;
    this.exceptionsTaken++;
    this.currentException = kind;
    const hook = this.hooks.get(kind);
    if (hook) hook(this, { kind, address: address >>> 0, instruction: instruction >>> 0, fault });
  }

  /**
   * Returns from the exception being handled the standard way (MOVS pc, lr or SUBS pc, lr, #4/#8 for aborts
   * and interrupts; data aborts return to re-execute the instruction). `kind` defaults to the last exception.
   */
  returnFromException(kind: ExceptionKind | undefined = this.currentException): void {
    if (!kind) throw new Error('returnFromException: no exception is being handled');
    if (!this.hasSpsr) throw new Error(`returnFromException: mode ${modeName(this.mode)} has no SPSR`);
    const target = (this.r[14] - RETURN_ADJUST[kind]) >>> 0;
    this.writeCpsr(this.currentSpsr);
    this.nextPc = (this.thumb ? target & ~1 : target & ~3) >>> 0;
    this.currentException = undefined;
  }

  /** UNDEFINED instruction: take the undefined-instruction exception. */
  undefinedInstruction(instr: number): void {
    this.takeException('undefined', this.currentPc, instr);
  }

  setIrqLine(asserted: boolean): void {
    this.irqLine = asserted;
  }
  setFiqLine(asserted: boolean): void {
    this.fiqLine = asserted;
  }

  reset(): void {
    this.r.fill(0);
    this.spsr.fill(0);
    this.bankR13.fill(0);
    this.bankR14.fill(0);
    this.usrR8to12.fill(0);
    this.fiqR8to12.fill(0);
    this.n = this.z = this.c = this.v = this.q = 0;
    this.psrRest = Mode.SVC | PSR.I | PSR.F;
    this.thumb = false;
    this.bigEndianData = false;
    this.memory.privileged = true;
    this.memory.modeChanged?.(Mode.SVC);
    this.waitingForInterrupt = false;
    this.exclusiveAddress = -1;
    this.currentException = undefined;
    this.pipeline?.reset?.();
    for (const cp of this.coprocessors) cp?.reset?.();
    this.nextPc = this.vectorBase >>> 0;
  }

  // ---- execution -----------------------------------------------------------------------------------

  /** True when an unmasked interrupt is asserted. */
  get interruptPending(): boolean {
    return (this.fiqLine && (this.psrRest & PSR.F) === 0) || (this.irqLine && (this.psrRest & PSR.I) === 0);
  }

  /**
   * Executes one instruction, or takes a pending interrupt. Memory faults become aborts here; nothing a
   * guest does escapes as a host exception except a bug in the simulator itself.
   */
  step(): void {
    if (this.fiqLine && (this.psrRest & PSR.F) === 0) {
      this.takeException('fiq', this.nextPc);
      if (this.cycleTiming && this.pipeline?.interruptEntry) this.clock.cycles += this.pipeline.interruptEntry(this);
      return;
    }
    if (this.irqLine && (this.psrRest & PSR.I) === 0) {
      this.takeException('irq', this.nextPc);
      if (this.cycleTiming && this.pipeline?.interruptEntry) this.clock.cycles += this.pipeline.interruptEntry(this);
      return;
    }
    if (this.waitingForInterrupt) return;
    const pc = this.nextPc;
    this.currentPc = pc;
    this.extraCycles = 0;
    const thumb = this.thumb;
    const exceptionsBefore = this.exceptionsTaken;
    let instr = -1;
    let executed = true;
    try {
      if (thumb) {
        instr = this.memory.fetch16(pc);
        this.r[15] = pc + 4;
        this.nextPc = (pc + 2) >>> 0;
        this.isa.decodeThumb(instr)(this, instr);
      } else {
        instr = this.memory.fetch32(pc);
        this.r[15] = pc + 8;
        this.nextPc = (pc + 4) >>> 0;
        const cond = instr >>> 28;
        if (cond === 0xe || (cond !== 0xf && this.conditionPassed(cond))) this.isa.decodeArm(instr)(this, instr);
        else if (cond === 0xf) this.isa.decodeArmUnconditional(instr)(this, instr);
        else executed = false;
      }
    } catch (e) {
      if (!(e instanceof MemoryFault)) throw e;
      this.memory.privileged = this.privileged;
      this.takeException(e.kind === 'prefetch' ? 'prefetch-abort' : 'data-abort', pc, 0, e);
    }
    this.instructions++;
    if (!this.cycleTiming) this.clock.cycles += 1;
    else if (this.pipeline === undefined) this.clock.cycles += 1 + this.extraCycles;
    else this.clock.cycles += this.pipeline.cycles(this, pc, instr, thumb, executed, this.exceptionsTaken !== exceptionsBefore);
  }
}
