import { describe, expect, it } from 'vitest';
import { IguanaImageError, validateIguanaImage, type IguanaImageDescription } from '../src/index.js';
import { EXAMPLES, bootIguanaBoard } from './boards.js';

const elf = EXAMPLES.multithread();

describe('Iguana image descriptions', () => {
  it.each<[string, IguanaImageDescription, RegExp]>([
    ['no programs', { programs: [] }, /iguana image: "programs" must list at least one program/],
    ['a bad name', { programs: [{ name: 'two words', elf }] }, /program 0 \(two words\): name must be a C identifier/],
    ['a reserved name', { programs: [{ name: 'iguana_server', elf }] }, /the name "iguana_server" is taken \(by a system server\)/],
    ['a duplicate', { programs: [{ name: 'a', elf }, { name: 'a', elf }] }, /program 1 \(a\): the name "a" is taken \(by another program or thread\)/],
    ['not an ELF', { programs: [{ name: 'a', elf: new Uint8Array([1, 2, 3, 4]) }] }, /program 0 \(a\): "elf" is not an ELF image/],
    ['a system priority', { programs: [{ name: 'a', elf, priority: 250 }] }, /program 0 \(a\): priority 250 is not in 1\.\.199/],
    ['a thread without entry', { programs: [{ name: 'a', elf, threads: [{ name: 't', entry: '' }] }] }, /thread t needs an "entry" symbol/],
    ['bad args', { programs: [{ name: 'a', elf, args: [1 as unknown as string] }] }, /program 0 \(a\): args must be an array of strings/],
  ])('rejects %s with a clear message', (_what, image, message) => {
    expect(() => validateIguanaImage(image)).toThrow(IguanaImageError);
    expect(() => validateIguanaImage(image)).toThrow(message);
  });

  it('reports an entry symbol missing from the ELF before anything boots', () => {
    expect(() => bootIguanaBoard([{ name: 'multithread', elf, threads: [{ name: 'second', entry: 'no_such_function' }] }])).toThrow(
      /iguana image: program 0 \(multithread\): thread second: entry symbol "no_such_function" is not in the ELF/,
    );
  });
});
