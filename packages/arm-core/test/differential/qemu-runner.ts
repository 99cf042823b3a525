/** Runs test images under QEMU user-mode (`qemu-arm`), the independent oracle. Node-only (test code). */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, parseOutput, type FinalState, type TestProgram } from './test-image.js';

export const QEMU_BINARY = process.env.L4LAB_QEMU_ARM ?? 'qemu-arm';

/** The QEMU CPU model per architecture version under test. */
export const QEMU_CPU: Record<string, string> = { v4T: 'ti925t', v5TE: 'arm926', v6: 'arm1176', v6K: 'arm1176', v6Z: 'arm1176' };

let cachedVersion: string | null | undefined;

/** QEMU's version line, or null when qemu-arm is not installed. */
export function qemuVersion(): string | null {
  if (cachedVersion === undefined) {
    const r = spawnSync(QEMU_BINARY, ['--version'], { encoding: 'utf8' });
    cachedVersion = r.status === 0 ? r.stdout.split('\n')[0].trim() : null;
  }
  return cachedVersion;
}

export type QemuResult = { ok: true; state: FinalState } | { ok: false; error: string };

function interpret(status: number | null, signal: string | null, stdout: Buffer, stderr: string): QemuResult {
  if (signal) return { ok: false, error: `qemu-arm: guest killed by ${signal}${stderr ? `: ${stderr.trim()}` : ''}` };
  if (status !== 0) return { ok: false, error: `qemu-arm exited with ${status}${stderr ? `: ${stderr.trim()}` : ''}` };
  try {
    return { ok: true, state: parseOutput(new Uint8Array(stdout)) };
  } catch (e) {
    return { ok: false, error: `qemu-arm: ${(e as Error).message}` };
  }
}

/** A scratch directory for ELF files, removed by `dispose`. */
export class QemuRunner {
  private readonly dir = mkdtempSync(join(tmpdir(), 'l4lab-diff-'));
  private counter = 0;

  constructor(readonly cpu: string) {}

  private writeElf(program: TestProgram): string {
    const path = join(this.dir, `t${this.counter++}.elf`);
    writeFileSync(path, buildImage(program).elf);
    chmodSync(path, 0o755);
    return path;
  }

  runSync(program: TestProgram): QemuResult {
    const path = this.writeElf(program);
    const r = spawnSync(QEMU_BINARY, ['-cpu', this.cpu, path], { timeout: 10_000 });
    rmSync(path, { force: true });
    return interpret(r.status, r.signal, r.stdout ?? Buffer.alloc(0), r.stderr?.toString() ?? (r.error ? String(r.error) : ''));
  }

  run(program: TestProgram): Promise<QemuResult> {
    const path = this.writeElf(program);
    return new Promise((resolve) => {
      const child = spawn(QEMU_BINARY, ['-cpu', this.cpu, path], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', (e) => {
        rmSync(path, { force: true });
        resolve({ ok: false, error: `qemu-arm: ${e.message}` });
      });
      child.on('close', (status, signal) => {
        rmSync(path, { force: true });
        resolve(interpret(status, signal, Buffer.concat(out), Buffer.concat(err).toString()));
      });
    });
  }

  /** Runs many programs with up to `parallel` QEMU processes at once; results in input order. */
  async runAll(programs: readonly TestProgram[], parallel = 8): Promise<QemuResult[]> {
    const results: QemuResult[] = new Array(programs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < programs.length) {
        const i = next++;
        results[i] = await this.run(programs[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(parallel, programs.length) }, worker));
    return results;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
