/**
 * The Iguana server interface, described once (as OKL4's Magpie IDL did): the C client stubs
 * (guest/libiguana/…/iguana_stubs.[ch]) and the server's dispatch table are both generated from this.
 * Every argument and result is one machine word; a request is an IPC with the op's label and its
 * arguments in MR1…; the reply carries label 0 and the results in MR1….
 */
export interface IdlOperation {
  readonly name: string;
  readonly label: number;
  readonly args: readonly string[];
  /** Result words (0 or 1 or 2); the first is the C function's return value, the second an out-pointer. */
  readonly results: readonly string[];
  /** The caller never gets a reply (exit, deleting oneself). */
  readonly oneway?: boolean;
  readonly doc: string;
}

export const IGUANA_LABEL_BASE = 0x1a00;

const ops: Omit<IdlOperation, 'label'>[] = [
  { name: 'pd_myself', args: [], results: ['pd'], doc: 'the caller\'s protection domain' },
  { name: 'memsection_create', args: ['size'], results: ['base'], doc: 'a memsection backed lazily on page faults; 0 on failure' },
  { name: 'memsection_create_fixed', args: ['size', 'base'], results: ['base'], doc: 'a memsection at a chosen virtual address' },
  { name: 'memsection_create_direct', args: ['size', 'phys'], results: ['base'], doc: 'a memsection mapped to given (device) physical memory, uncached' },
  { name: 'memsection_lookup', args: ['address'], results: ['base', 'size'], doc: 'the caller\'s memsection holding address: base (0 if none), size' },
  { name: 'memsection_delete', args: ['base'], results: ['ok'], doc: 'unmaps and frees a memsection of the caller' },
  { name: 'thread_create', args: ['priority'], results: ['tid'], doc: 'an inactive thread in the caller\'s PD; start it with thread_start' },
  { name: 'thread_create_simple', args: ['fn', 'arg', 'priority', 'trampoline'], results: ['tid'], doc: 'a thread running fn(arg) on a new stack (through the C runtime\'s trampoline)' },
  { name: 'thread_start', args: ['tid', 'ip', 'sp'], results: ['ok'], doc: 'starts an inactive thread' },
  { name: 'thread_delete', args: ['tid'], results: ['ok'], doc: 'deletes a thread of the caller\'s PD (no reply if it is the caller)' },
  { name: 'thread_l4tid', args: ['thread'], results: ['tid'], doc: 'the L4 thread id of an Iguana thread reference' },
  { name: 'thread_myself', args: [], results: ['thread'], doc: 'the caller\'s Iguana thread reference' },
  { name: 'mutex_create', args: [], results: ['mutex'], doc: 'a kernel mutex (MutexControl is the root task\'s privilege); 0 on failure' },
  { name: 'mutex_delete', args: ['mutex'], results: ['ok'], doc: 'deletes a kernel mutex created by mutex_create' },
  { name: 'exit', args: ['status'], results: [], oneway: true, doc: 'ends the caller\'s PD: its threads, memsections and space' },
];

export const IGUANA_IDL: readonly IdlOperation[] = ops.map((op, i) => ({ ...op, label: IGUANA_LABEL_BASE + i }));

export function idlOperation(label: number): IdlOperation | undefined {
  const i = label - IGUANA_LABEL_BASE;
  return i >= 0 && i < IGUANA_IDL.length ? IGUANA_IDL[i] : undefined;
}
