/** MR0, the message tag: u [5:0], flags [15:12], label [31:16]; on return bit 15 reports an error. */
export interface MessageTag {
  readonly untyped: number;
  readonly label: number;
  readonly memcpy: boolean;
  readonly notify: boolean;
  readonly receiveBlock: boolean;
  readonly sendBlock: boolean;
}

export const TagFlag = {
  memcpy: 0x1000,
  notify: 0x2000,
  receiveBlock: 0x4000,
  sendBlock: 0x8000,
  /** Set in a returned tag when the IPC failed. */
  error: 0x8000,
} as const;

export function encodeTag(tag: Partial<MessageTag> & { label?: number; untyped?: number }): number {
  const u = tag.untyped ?? 0;
  const label = tag.label ?? 0;
  if (!Number.isInteger(u) || u < 0 || u > 63) throw new RangeError(`message tag: untyped words ${u} not in 0..63`);
  if (!Number.isInteger(label) || label < 0 || label > 0xffff) throw new RangeError(`message tag: label 0x${label.toString(16)} not in 0..0xffff`);
  return (
    ((label << 16) |
      (tag.sendBlock ? TagFlag.sendBlock : 0) |
      (tag.receiveBlock ? TagFlag.receiveBlock : 0) |
      (tag.notify ? TagFlag.notify : 0) |
      (tag.memcpy ? TagFlag.memcpy : 0) |
      u) >>>
    0
  );
}

export function decodeTag(word: number): MessageTag {
  return {
    untyped: word & 0x3f,
    label: word >>> 16,
    memcpy: (word & TagFlag.memcpy) !== 0,
    notify: (word & TagFlag.notify) !== 0,
    receiveBlock: (word & TagFlag.receiveBlock) !== 0,
    sendBlock: (word & TagFlag.sendBlock) !== 0,
  };
}
