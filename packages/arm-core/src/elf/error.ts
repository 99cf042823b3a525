/** Malformed or unsupported ELF input. `offset` is the file offset the problem was found at, if any. */
export class ElfError extends Error {
  override readonly name = 'ElfError';
  constructor(
    message: string,
    readonly offset?: number,
  ) {
    super(offset === undefined ? message : `${message} (at file offset ${hex(offset)})`);
  }
}

export function hex(value: number): string {
  return `0x${value.toString(16)}`;
}
