import type { Cpu } from '../cpu/cpu.js';
import { MemoryFault } from '../cpu/fault.js';
import { PSR } from '../cpu/modes.js';

/** Host side of semihosting: bytes in and out, injected so the package stays free of Node APIs. */
export interface SemihostingIo {
  stdout(bytes: Uint8Array): void;
  stderr?(bytes: Uint8Array): void;
  /** Next stdin byte, or undefined at end of input. */
  readByte?(): number | undefined;
  readonly commandLine?: string;
  /** Heap and stack the C library should use: [heapBase, heapLimit, stackBase, stackLimit]. */
  readonly heapInfo?: readonly [number, number, number, number];
}

export interface SemihostingExit {
  readonly status: number;
  readonly reason: string;
}

const Op = {
  OPEN: 0x01, CLOSE: 0x02, WRITEC: 0x03, WRITE0: 0x04, WRITE: 0x05, READ: 0x06, READC: 0x07, ISERROR: 0x08,
  ISTTY: 0x09, SEEK: 0x0a, FLEN: 0x0c, CLOCK: 0x10, TIME: 0x11, ERRNO: 0x13, GET_CMDLINE: 0x15, HEAPINFO: 0x16,
  EXIT: 0x18, EXIT_EXTENDED: 0x20, ELAPSED: 0x30, TICKFREQ: 0x31,
} as const;

/** ADP_Stopped_ApplicationExit: the reason code a normal exit passes. */
const APPLICATION_EXIT = 0x20026;
const ARM_SWI = 0x123456;
const THUMB_SWI = 0xab;

/** Console handles handed out for ":tt" opens (stdin, stdout, stderr) and the features file. */
const HANDLE = { stdin: 1, stdout: 2, stderr: 3, features: 4 } as const;

/**
 * The ":semihosting-features" file: magic "SHFB" then a feature byte — bit 0 SYS_EXIT_EXTENDED, bit 1
 * stdout/stderr through ":tt" opened for writing/appending. C libraries read it before calling exit().
 */
const FEATURES = new Uint8Array([0x53, 0x48, 0x46, 0x42, 0b11]);

/**
 * ARM semihosting over SWI 0x123456 (ARM) / SWI 0xAB (Thumb), as bare-metal programs use under QEMU and
 * newlib's rdimon. Other SWIs go to the guest's own vector. Time calls report simulated time only.
 */
export class Semihosting {
  private lastErrno = 0;
  private featuresPosition = 0;

  constructor(
    private readonly cpu: Cpu,
    private readonly io: SemihostingIo,
    private readonly onExit: (exit: SemihostingExit) => void,
  ) {
    cpu.hookException('swi', (c, event) => {
      // The caller's state is in the SPSR: entry has already switched the core to ARM.
      const callerThumb = (c.currentSpsr & PSR.T) !== 0;
      const comment = callerThumb ? event.instruction & 0xff : event.instruction & 0xffffff;
      if (comment === (callerThumb ? THUMB_SWI : ARM_SWI)) this.handle(c);
    });
  }

  private handle(cpu: Cpu): void {
    const op = cpu.r[0];
    const arg = cpu.r[1];
    let result: number;
    try {
      result = this.perform(op, arg);
    } catch (e) {
      if (!(e instanceof MemoryFault)) throw e;
      result = -1;
    }
    cpu.returnFromException('swi');
    cpu.r[0] = result >>> 0;
  }

  private perform(op: number, arg: number): number {
    switch (op) {
      case Op.WRITEC:
        this.io.stdout(new Uint8Array([this.byte(arg)]));
        return 0;
      case Op.WRITE0: {
        const bytes: number[] = [];
        for (let a = arg, b = this.byte(a); b !== 0 && bytes.length < 1 << 20; b = this.byte(++a)) bytes.push(b);
        this.io.stdout(new Uint8Array(bytes));
        return 0;
      }
      case Op.OPEN: {
        const name = this.string(this.word(arg), this.word(arg + 8));
        const mode = this.word(arg + 4);
        if (name === ':semihosting-features') {
          this.featuresPosition = 0;
          return mode < 4 ? HANDLE.features : this.fail(13);
        }
        if (name !== ':tt') return this.fail(2);
        return mode < 4 ? HANDLE.stdin : mode < 8 ? HANDLE.stdout : HANDLE.stderr;
      }
      case Op.CLOSE:
        return 0;
      case Op.WRITE: {
        const [handle, buffer, length] = [this.word(arg), this.word(arg + 4), this.word(arg + 8)];
        const bytes = this.bytes(buffer, length);
        if (handle === HANDLE.stdout) this.io.stdout(bytes);
        else if (handle === HANDLE.stderr) (this.io.stderr ?? this.io.stdout)(bytes);
        else return length;
        return 0;
      }
      case Op.READ: {
        const [handle, buffer, length] = [this.word(arg), this.word(arg + 4), this.word(arg + 8)];
        if (handle === HANDLE.features) {
          const n = Math.min(length, FEATURES.length - this.featuresPosition);
          for (let i = 0; i < n; i++) this.cpu.memory.write8(buffer + i, FEATURES[this.featuresPosition + i]);
          this.featuresPosition += n;
          return length - n;
        }
        if (handle !== HANDLE.stdin) return length;
        let n = 0;
        while (n < length) {
          const b = this.io.readByte?.();
          if (b === undefined) break;
          this.cpu.memory.write8(buffer + n, b);
          n++;
          if (b === 10) break;
        }
        return length - n;
      }
      case Op.READC:
        return this.io.readByte?.() ?? -1;
      case Op.ISERROR:
        return (this.word(arg) | 0) < 0 ? 1 : 0;
      case Op.ISTTY:
        return this.word(arg) === HANDLE.features ? 0 : 1;
      case Op.SEEK: {
        const [handle, position] = [this.word(arg), this.word(arg + 4)];
        if (handle !== HANDLE.features || position > FEATURES.length) return this.fail(29);
        this.featuresPosition = position;
        return 0;
      }
      case Op.FLEN:
        return this.word(arg) === HANDLE.features ? FEATURES.length : this.fail(29);
      case Op.CLOCK:
        return Math.floor(this.cpu.clock.nanoseconds() / 1e7);
      case Op.TIME:
        return Math.floor(this.cpu.clock.nanoseconds() / 1e9);
      case Op.ELAPSED:
        this.cpu.memory.write32(arg, this.cpu.clock.cycles >>> 0);
        this.cpu.memory.write32(arg + 4, Math.floor(this.cpu.clock.cycles / 2 ** 32) >>> 0);
        return 0;
      case Op.TICKFREQ:
        return this.cpu.clock.coreHz;
      case Op.ERRNO:
        return this.lastErrno;
      case Op.GET_CMDLINE: {
        const [buffer, size] = [this.word(arg), this.word(arg + 4)];
        const text = new TextEncoder().encode(this.io.commandLine ?? '');
        const n = Math.min(text.length, Math.max(0, size - 1));
        for (let i = 0; i < n; i++) this.cpu.memory.write8(buffer + i, text[i]);
        this.cpu.memory.write8(buffer + n, 0);
        this.cpu.memory.write32(arg + 4, n);
        return 0;
      }
      case Op.HEAPINFO: {
        const block = this.word(arg);
        const info = this.io.heapInfo ?? [0, 0, 0, 0];
        for (let i = 0; i < 4; i++) this.cpu.memory.write32(block + 4 * i, info[i]);
        return 0;
      }
      case Op.EXIT:
        this.onExit(arg === APPLICATION_EXIT ? { status: 0, reason: 'SYS_EXIT' } : { status: 1, reason: `SYS_EXIT reason 0x${arg.toString(16)}` });
        return 0;
      case Op.EXIT_EXTENDED: {
        const [reason, subcode] = [this.word(arg), this.word(arg + 4)];
        this.onExit({ status: reason === APPLICATION_EXIT ? subcode | 0 : 1, reason: 'SYS_EXIT_EXTENDED' });
        return 0;
      }
      default:
        return this.fail(38);
    }
  }

  private fail(errno: number): number {
    this.lastErrno = errno;
    return -1;
  }
  private byte(address: number): number {
    return this.cpu.memory.read8(address >>> 0);
  }
  private word(address: number): number {
    return this.cpu.memory.read32(address >>> 0) >>> 0;
  }
  private bytes(address: number, length: number): Uint8Array {
    const out = new Uint8Array(Math.min(length, 1 << 24));
    for (let i = 0; i < out.length; i++) out[i] = this.byte(address + i);
    return out;
  }
  private string(address: number, length: number): string {
    return new TextDecoder().decode(this.bytes(address, Math.min(length, 4096)));
  }
}
