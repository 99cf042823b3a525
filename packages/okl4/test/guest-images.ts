// Committed guest images of this package, and the golden console output of the guest tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

export function guestImage(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../guest/${path}`, import.meta.url)));
}

/**
 * Compares a guest test's console output with test/golden/<name>.txt — the same file for every board, since
 * the same image must print the same text on both. UPDATE_GOLDEN=1 rewrites the file.
 */
export function expectGolden(name: string, output: string): void {
  const url = new URL(`./golden/${name}.txt`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(url)) {
    mkdirSync(new URL('./golden/', import.meta.url), { recursive: true });
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, output);
    else throw new Error(`no golden output ${url.pathname}: run with UPDATE_GOLDEN=1 once the output is checked`);
  }
  expect(output).toBe(readFileSync(url, 'utf8'));
}
