// Committed guest images of this package.
import { readFileSync } from 'node:fs';

export function guestImage(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../guest/${path}`, import.meta.url)));
}
