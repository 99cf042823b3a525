/** Architecture versions in order; an encoding tagged `since: X` exists on cores whose version is ≥ X. */
export const ARCH_VERSIONS = ['v4T', 'v5T', 'v5TE', 'v5TEJ', 'v6', 'v6K', 'v6Z'] as const;
export type ArchVersion = (typeof ARCH_VERSIONS)[number];

export function archAtLeast(core: ArchVersion, since: ArchVersion): boolean {
  return ARCH_VERSIONS.indexOf(core) >= ARCH_VERSIONS.indexOf(since);
}
