import { describe, expect, it } from 'vitest';
import { BOOT_MAGIC, bootBlock, upperName } from './loader.js';

describe('the boot block on a new thread\'s stack', () => {
  it('holds argc, argv (only the listed arguments), the environment and the tid, below the stack top', () => {
    const top = 0x01f00000;
    const env = new Map([['IGUANA_SERVER', 0x40001], ['SECOND_THREAD', 0x48001]]);
    const { image, offset } = bootBlock({ name: 'second_thread', tid: 0x48001, entry: 0x8000, args: ['Hello', 'Second'], priority: 100 }, 3, top, env);
    expect(offset % 8).toBe(0);
    expect(image.length).toBe(offset);
    const base = top - offset;
    const word = (va: number) => new DataView(image.buffer).getUint32(va - base, true);
    const string = (va: number) => {
      let s = '';
      for (let i = va - base; image[i] !== 0; i++) s += String.fromCharCode(image[i]);
      return s;
    };
    expect([word(base), word(base + 4), word(base + 12), word(base + 20), word(base + 24)]).toEqual([BOOT_MAGIC, 2, 2, 0x48001, 3]);
    const argv = word(base + 8);
    expect([string(word(argv)), string(word(argv + 4)), word(argv + 8)]).toEqual(['Hello', 'Second', 0]);
    const envp = word(base + 16);
    expect([string(word(envp)), word(envp + 4), string(word(envp + 8)), word(envp + 12)]).toEqual(['IGUANA_SERVER', 0x40001, 'SECOND_THREAD', 0x48001]);
  });

  it('names environment entries in upper case', () => {
    expect(upperName('dining_philosophers')).toBe('DINING_PHILOSOPHERS');
    expect(upperName('a-b.c')).toBe('A_B_C');
  });
});
