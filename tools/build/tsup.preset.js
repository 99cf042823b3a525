// The one tsup preset every package's build uses: ESM, type declarations, sourcemaps.
export function packageBuild(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: { compilerOptions: { customConditions: [] } },
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'neutral',
    ...overrides,
  };
}
