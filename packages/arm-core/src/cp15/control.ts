/** c1 control bits the ARM920T and the ARM1176 share (TRM DDI0184 §2.3, DDI0301 §3.2.7). */
export const CommonControl = {
  M: 1 << 0,
  A: 1 << 1,
  C: 1 << 2,
  W: 1 << 3,
  B: 1 << 7,
  S: 1 << 8,
  R: 1 << 9,
  I: 1 << 12,
  /** High vectors (0xFFFF0000). */
  V: 1 << 13,
  RR: 1 << 14,
} as const;
