import { ErrorCode } from '../abi.js';
import type { Kernel } from '../kernel.js';
import type { Tcb } from '../object/tcb.js';
import { SpaceLayout } from '../costs.js';
import { MAX_FCSE_PID, PAGE, USER_TOP, KernelRegion } from '../layout.js';
import { fail, privileged } from './dispatch.js';

export const SpaceControlBits = { new: 1, delete: 2, resources: 4, spacePager: 8 } as const;

/**
 * SpaceControl(space r0, control r1, clist r2, utcbArea r3, resources r4) → r0 result, r1 old resources.
 * control: new 1, delete 2, resources 4; top 8 bits the space's maximum priority (0 = 255). On ARMv5 the
 * resources word carries the FCSE PID in its low 8 bits (vspace number from bit 16, recorded only).
 */
export function sysSpaceControl(k: Kernel, t: Tcb): void {
  k.kmem.charge('spaceControl');
  if (!privileged(k, t)) return;
  const [id, control, , , resources] = t.regs;
  const pid = resources & 0xff;
  if (control & SpaceControlBits.new) {
    if (pid > MAX_FCSE_PID) return fail(k, t, ErrorCode.InvalidParam);
    const maxPriority = control >>> 24 || 255;
    const s = k.createSpace(id, { pid, maxPriority, resources });
    if (typeof s === 'number') return fail(k, t, s);
    t.regs[0] = 1;
    t.regs[1] = 0;
    return;
  }
  const s = k.spaces.get(id);
  if (!s) return fail(k, t, ErrorCode.InvalidSpace);
  const old = s.resources;
  if (control & SpaceControlBits.delete) {
    if (s === t.space) return fail(k, t, ErrorCode.InvalidSpace);
    const r = k.deleteSpace(s);
    if (r) return fail(k, t, r);
  } else if (control & SpaceControlBits.resources) {
    if (pid > MAX_FCSE_PID) return fail(k, t, ErrorCode.InvalidParam);
    if (pid !== s.pid) {
      const wasCurrent = k.mmu.current === s;
      // The space's CPD entries live at the old PID's MVAs: give up the domain (flushing if dirty).
      k.mmu.spaceDeleted(s);
      k.mmu.spaceCreated(s);
      s.pid = pid;
      k.kmem.store(s.pa + SpaceLayout.pid, pid);
      // The caller's own space: the CPU still holds the old DACR and PID, so every access would fault on
      // CPD entries filled at the new MVAs. Load the new ones now (a charged switch: domain + 2 MCRs).
      if (wasCurrent && k.mmu.current !== s) k.mmu.activate(s);
    }
    s.resources = resources;
  }
  t.regs[0] = 1;
  t.regs[1] = old;
}

export const MapControlBits = { query: 1 << 30, modify: 1 << 31 } as const;

/** An fpage: base [31:10] aligned to its size, log2 size [9:4], rwx [2:0]. */
export function fpage(base: number, log2Size: number, rwx: number): number {
  return ((base & 0xfffffc00) | ((log2Size & 0x3f) << 4) | (rwx & 7)) >>> 0;
}
/** A physical descriptor: base >> 10 in [31:6], attribute in [5:0]. */
export function physDescriptor(base: number, attribute = 0): number {
  return ((((base >>> 10) << 6) | (attribute & 0x3f)) >>> 0);
}

/**
 * MapControl(space r0, control r1): control [5:0] = number of items; item i is MR[2i] = physical
 * descriptor, MR[2i+1] = fpage. rwx = 0 unmaps; Query (bit 30) returns the current mapping in the
 * item's MRs; Modify (bit 31) changes rights/attributes of existing mappings only. The kernel picks page
 * sizes (sections where aligned, else 4 KB pages). Privileged.
 */
export function sysMapControl(k: Kernel, t: Tcb): void {
  if (!privileged(k, t)) return;
  const [id, control] = t.regs;
  const s = k.spaces.get(id);
  if (!s) return fail(k, t, ErrorCode.InvalidSpace);
  const items = control & 0x3f;
  if (items * 2 > 32) return fail(k, t, ErrorCode.InvalidParam);
  const kernelStart = k.kmem.ramBase, kernelEnd = k.userPool.base;
  for (let i = 0; i < items; i++) {
    k.kmem.charge('mapControlItem');
    const pd = k.getMr(t, 2 * i), fp = k.getMr(t, 2 * i + 1);
    const log2 = (fp >>> 4) & 0x3f;
    const size = 2 ** log2;
    const base = (fp & 0xfffffc00) >>> 0;
    const rwx = fp & 7;
    if (log2 < 12 || log2 > 32 || base % size !== 0 || base + size > USER_TOP) return fail(k, t, ErrorCode.InvalidParam);
    if (control & MapControlBits.query) {
      const m = k.pageTables.lookup(s, base);
      k.setMr(t, 2 * i, m ? physDescriptor(m.pa + (base - m.va), m.attribute) : 0);
      k.setMr(t, 2 * i + 1, fpage(base, log2, m ? m.rights : 0));
      continue;
    }
    if (rwx === 0) {
      if (k.pageTables.unmap(s, base, size)) k.mmu.flushRange(s, base, size);
      continue;
    }
    const attribute = pd & 0x3f;
    if (control & MapControlBits.modify) {
      for (let off = 0; off < size; off += PAGE) {
        const m = k.pageTables.lookup(s, base + off);
        if (!m) continue;
        const pa = m.pa + ((base + off) - m.va);
        k.pageTables.unmap(s, base + off, PAGE);
        if (k.pageTables.map(s, base + off, pa, PAGE, rwx, attribute) !== 'ok') return fail(k, t, ErrorCode.NoMem);
      }
      k.mmu.flushRange(s, base, size);
      continue;
    }
    const pa = (pd >>> 6) * 1024;
    if (pa % PAGE !== 0 || pa + size > 2 ** 32) return fail(k, t, ErrorCode.InvalidParam);
    if (pa < kernelEnd && pa + size > kernelStart + KernelRegion.text) return fail(k, t, ErrorCode.InvalidParam);
    // Replacing an existing mapping: forget the old translation first.
    if (k.pageTables.unmap(s, base, size)) k.mmu.flushRange(s, base, size);
    const r = k.pageTables.map(s, base, pa, size, rwx, attribute);
    if (r === 'no-memory') return fail(k, t, ErrorCode.NoMem);
    if (r === 'conflict') return fail(k, t, ErrorCode.InvalidParam);
  }
  t.regs[0] = 1;
}
