// Shared vitest settings: tests read package sources through the @l4lab/source export condition.
const conditions = ['@l4lab/source', 'import', 'module', 'node', 'default'];

export function packageTests(overrides = {}) {
  return {
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions } },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      pool: 'threads',
      ...overrides,
    },
  };
}
