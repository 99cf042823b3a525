import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { disassembleArm } from './arm.js';
it('explore', () => {
  let a = 12345;
  const next = () => { a = (Math.imul(a, 1664525) + 1013904223) >>> 0; return a; };
  const words: number[] = [];
  for (let i = 0; i < 60000; i++) { const w = next(); if (w >>> 28 !== 15) words.push(w); }
  writeFileSync('/tmp/dis/r.s', '.text\n.arm\n' + words.map((w) => `.inst 0x${w.toString(16)}`).join('\n') + '\n');
  execFileSync('arm-none-eabi-as', ['-mcpu=arm920t', '-o', '/tmp/dis/r.o', '/tmp/dis/r.s']);
  const out = execFileSync('arm-none-eabi-objdump', ['-d', '-m', 'armv4t', '/tmp/dis/r.o'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const res: string[] = [];
  let i = 0;
  for (const line of out.split('\n')) {
    const m = /^\s*[0-9a-f]+:\s+([0-9a-f]{8})\s+(.*)$/.exec(line);
    if (!m) continue;
    const w = parseInt(m[1], 16);
    const theirs = m[2].replace(/\b([0-9a-f]+) <[^>]*>/g, '0x$1').replace(/\s*@ <UNPREDICTABLE>/, '').replace(/\s+/g, ' ').trim();
    const ours = disassembleArm(w, 4 * i, 'v4T');
    i++;
    const tu = theirs.includes('UNDEFINED'), ou = ours.includes('UNDEFINED');
    if (theirs !== ours) res.push(`${tu ? 'U' : 'D'}${ou ? 'U' : 'D'} ${m[1]} | ${theirs} | ${ours}`);
  }
  writeFileSync('/tmp/dis/explore.txt', res.join('\n'));
});
