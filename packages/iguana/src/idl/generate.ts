import { IGUANA_IDL, type IdlOperation } from './iguana-idl.js';

/** Where the generated C lives, relative to the package (the staleness test and the script agree on it). */
export const GENERATED_HEADER = 'guest/libiguana/include/iguana/stubs.h';
export const GENERATED_SOURCE = 'guest/libiguana/src/stubs.c';

const NOTICE = '/* Generated from src/idl/iguana-idl.ts by `npm run generate-stubs` (packages/iguana): do not edit. */\n';

const macro = (op: IdlOperation) => `IGUANA_LABEL_${op.name.toUpperCase()}`;

function prototype(op: IdlOperation): string {
  const params = op.args.map((a) => `L4_Word_t ${a}`);
  if (op.results.length > 1) params.push(...op.results.slice(1).map((r) => `L4_Word_t *${r}`));
  const ret = op.results.length ? 'L4_Word_t' : 'void';
  return `${ret} iguana_${op.name}(${params.length ? params.join(', ') : 'void'})`;
}

export function generateHeader(idl: readonly IdlOperation[] = IGUANA_IDL): string {
  const out = [NOTICE, '#ifndef IGUANA_STUBS_H', '#define IGUANA_STUBS_H', '#include <l4/l4.h>', ''];
  out.push('/* The Iguana server, found by crt0 in the environment (IGUANA_SERVER). */', 'extern L4_ThreadId_t __iguana_server;', '');
  for (const op of idl) out.push(`#define ${macro(op)} 0x${op.label.toString(16)}`);
  out.push('');
  for (const op of idl) out.push(`/* ${op.doc} */`, `${prototype(op)};`);
  out.push('', '#endif', '');
  return out.join('\n');
}

export function generateSource(idl: readonly IdlOperation[] = IGUANA_IDL): string {
  const out = [NOTICE, '#include <iguana/stubs.h>', ''];
  for (const op of idl) {
    out.push(prototype(op), '{', '\tL4_MsgTag_t tag;');
    op.args.forEach((a, i) => out.push(`\tL4_LoadMR(${i + 1}, ${a});`));
    out.push(`\tL4_Set_MsgTag(L4_MsgTag(${macro(op)}, ${op.args.length}));`, '\ttag = L4_Call(__iguana_server);');
    if (op.results.length === 0) {
      out.push('\t(void)tag;');
    } else {
      out.push('\tif (L4_IpcFailed(tag)) return 0;');
      op.results.slice(1).forEach((r, i) => out.push(`\tif (${r}) *${r} = L4_MR(${i + 2});`));
      out.push('\treturn L4_MR(1);');
    }
    out.push('}', '');
  }
  return out.join('\n');
}
