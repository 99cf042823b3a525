/**
 * Instruction budgets for the Iguana server's own work (the kernel calls it makes are charged by okl4).
 * Each is charged through the cost meter as instructions fetched from the server's text (HostedContext.work).
 * Sources: counts of the C paths in Iguana 1.x (server/src/*.c) as compiled for ARMv4 at -O2, rounded;
 * they are estimates of the same kind as okl4's costs.ts, not calibrated against any macro result.
 */
export const IguanaCosts = {
  /** Receive loop: decode the tag, find the sender's PD (hash lookup), dispatch through the op table. */
  dispatch: { instructions: 60, source: 'iguana_server_loop + magpie dispatch: ~15 decode, ~25 hash lookup, ~20 switch/call' },
  /** Page fault: thread → PD → memsection search (sorted list walk), rights check. */
  pageFaultLookup: { instructions: 90, source: 'pd_lookup + memsection_lookup (objtable walk ~50), rights check ~10, frame alloc ~30' },
  /** Zeroing a freshly backed 4 KB frame before mapping it (word stores, 8 per loop iteration). */
  zeroPage: { instructions: 1024 + 128, source: '1024 str + 128 loop branches (memset of one page)' },
  /** Loading one page of an ELF segment: a word copy loop (ldm/stm of 8 words per iteration). */
  loadPage: { instructions: 128 * 3 + 16, source: '4 KB / 32 B per ldm/stm pair + loop branch: 128 × 3, plus set-up ~16' },
  /** Memsection create/delete: range allocation, object-table insert or removal. */
  memsection: { instructions: 180, source: 'memsection_create: rfl_alloc ~60, objtable insert ~70, bookkeeping ~50' },
  /** Thread create: thread id allocation, stack memsection, TCB bookkeeping, argument setup. */
  thread: { instructions: 260, source: 'thread_create_simple: tid alloc ~40, stack memsection ~180 (above), stack frame ~40' },
  /** Thread delete / PD teardown per thread. */
  threadDelete: { instructions: 120, source: 'thread_delete: objtable removal ~70, list unlink ~50' },
  /** Boot info: per object created or recorded from the image description. */
  bootObject: { instructions: 200, source: 'bootinfo interpreter: per record parse ~50 and object creation ~150' },
  /** Mutex create/delete bookkeeping (the kernel call is charged by okl4). */
  mutex: { instructions: 40, source: 'id allocation bitmap scan ~40' },
  /** devicecore: a driver's set-up of its device (the register accesses are charged as uncached loads/stores). */
  driverStart: { instructions: 40, source: 'timer: 5 read-modify-writes of shared PWM registers ~5 each + checks; serial: 2 RMWs' },
  /** devicecore: one interrupt notification's dispatch to a driver and its device work (registers charged separately). */
  driverInterrupt: { instructions: 30, source: 'notify-bit scan ~10, tick count / RX drain loop ~10, status write-back ~10' },
} as const;

export type IguanaCostName = keyof typeof IguanaCosts;
