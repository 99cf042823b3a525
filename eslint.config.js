// Lint for every project. The module-boundary rule enforces DESIGN.md's layering from Nx tags.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export const layering = [
  { sourceTag: 'scope:cpu', onlyDependOnLibsWithTags: ['scope:cpu'] },
  { sourceTag: 'scope:soc', onlyDependOnLibsWithTags: ['scope:soc', 'scope:cpu'] },
  { sourceTag: 'scope:kernel', onlyDependOnLibsWithTags: ['scope:cpu'] },
  { sourceTag: 'scope:personality', onlyDependOnLibsWithTags: ['scope:personality', 'scope:kernel', 'scope:cpu'] },
  { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:personality', 'scope:kernel', 'scope:cpu'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['scope:bench', 'scope:personality', 'scope:kernel', 'scope:soc', 'scope:cpu'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
];

// Tests may also run a layer on real boards: kernels and personalities test against the SoC models.
export const testLayering = layering.map((c) =>
  ['scope:kernel', 'scope:personality', 'scope:bench'].includes(c.sourceTag)
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'scope:soc'] }
    : c,
);

const boundaries = (depConstraints) => [
  'error',
  { enforceBuildableLibDependency: false, banTransitiveDependencies: true, allow: [], depConstraints },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', 'packages/*/guest/**', 'apps/*/guest/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    plugins: { '@nx': nx },
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@nx/enforce-module-boundaries': boundaries(layering),
      // Packages expose "." only: a deep import reaches another package's internals.
      'no-restricted-imports': ['error', { patterns: [{ group: ['@l4lab/*/*'], message: 'Import a package by its name only; its internals are private.' }] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['**/*.test.ts', 'packages/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testLayering) },
  },
  {
    // Build and test configs reach the shared presets in tools/ by path.
    files: ['**/*.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // Packages use no Node or DOM APIs; only apps, tools and tests choose the host.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-*.ts', '**/*-harness.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@l4lab/*/*'], message: 'Import a package by its name only; its internals are private.' },
          { group: ['node:*', 'fs', 'path', 'child_process', 'os', 'url', 'util'], message: 'Packages take host services through injected interfaces, not Node APIs.' },
        ],
      }],
    },
  },
);
