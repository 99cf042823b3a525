import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IguanaServer } from '../server/server.js';
import { GENERATED_HEADER, GENERATED_SOURCE, generateHeader, generateSource } from './generate.js';
import { IGUANA_IDL, idlOperation } from './iguana-idl.js';

const committed = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('the Iguana IDL', () => {
  it('matches the committed C stubs (run `npm run generate-stubs` in packages/iguana if this fails)', () => {
    expect(committed(GENERATED_HEADER)).toBe(generateHeader());
    expect(committed(GENERATED_SOURCE)).toBe(generateSource());
  });

  it('gives every operation a distinct label and a server handler', () => {
    expect(new Set(IGUANA_IDL.map((op) => op.label)).size).toBe(IGUANA_IDL.length);
    for (const op of IGUANA_IDL) expect(idlOperation(op.label)).toBe(op);
    expect(idlOperation(0x1234)).toBeUndefined();
    const server = new IguanaServer([]);
    for (const op of IGUANA_IDL) expect(typeof server.handlers[op.name]).toBe('function');
  });

  it('generates a stub that loads the arguments, calls the server and returns MR1 (and MR2 through a pointer)', () => {
    const c = generateSource();
    expect(c).toContain('L4_Word_t iguana_memsection_lookup(L4_Word_t address, L4_Word_t *size)\n{');
    expect(c).toContain('\tL4_LoadMR(1, address);\n\tL4_Set_MsgTag(L4_MsgTag(IGUANA_LABEL_MEMSECTION_LOOKUP, 1));\n\ttag = L4_Call(__iguana_server);');
    expect(c).toContain('\tif (size) *size = L4_MR(2);\n\treturn L4_MR(1);');
    expect(generateHeader()).toContain('void iguana_exit(L4_Word_t status);');
  });
});
