// Shared vitest settings: tests read package sources through the @l4lab/source export condition.
export function packageTests(overrides = {}) {
  return {
    resolve: { conditions: ['@l4lab/source'] },
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      pool: 'threads',
      ...overrides,
    },
  };
}
