// One-off scaffolder kept for reference: writes the per-project boilerplate (package.json, tsconfig,
// tsup and vitest configs) for every package and app from one description. Re-running is idempotent for
// the config files and never touches sources.
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const V = '0.1.0';
const projects = [
  { dir: 'packages/arm-core', tags: ['scope:cpu'], deps: [], desc: 'ARM920T and ARM1176JZF-S machine: CPU, CP15, MMU, TLBs, caches, timing, bus, scheduler, ELF loader, cost meter' },
  { dir: 'packages/soc-s3c2440', tags: ['scope:soc'], deps: ['arm-core'], desc: 'Samsung S3C2440A peripheral models and board-support routines' },
  { dir: 'packages/soc-s3c6410', tags: ['scope:soc'], deps: ['arm-core'], desc: 'Samsung S3C6410 peripheral models and board-support routines' },
  { dir: 'packages/okl4', tags: ['scope:kernel'], deps: ['arm-core'], desc: 'The OKL4 2.1 L4 microkernel in TypeScript, driving the emulated ARM CPU' },
  { dir: 'packages/linux', tags: ['scope:kernel'], deps: ['arm-core'], desc: 'A Linux-compatible kernel personality in TypeScript with a native arch/arm' },
  { dir: 'packages/iguana', tags: ['scope:personality'], deps: ['okl4', 'arm-core'], desc: 'The Iguana OS personality on OKL4: server, devicecore, guest libraries, examples' },
  { dir: 'packages/wombat', tags: ['scope:personality'], deps: ['iguana', 'okl4', 'linux', 'arm-core'], desc: 'Wombat/OKLinux: arch/l4 for the Linux personality, running on OKL4 and Iguana' },
  { dir: 'packages/lmbench', tags: ['scope:bench'], deps: ['wombat', 'linux', 'arm-core'], desc: 'LMBench3 methods as guest programs plus a harness that reproduces the 2009 study' },
  { dir: 'apps/mba2440', tags: ['type:app'], deps: ['arm-core', 'soc-s3c2440'], desc: 'The MBA2440 board (S3C2440A, ARM920T, 64 MB) and its CLI', bin: 'mba2440' },
  { dir: 'apps/smdk6410', tags: ['type:app'], deps: ['arm-core', 'soc-s3c6410'], desc: 'The SMDK6410 board (S3C6410, ARM1176JZF-S, 128 MB) and its CLI', bin: 'smdk6410' },
];

const write = (path, text, keep = false) => {
  if (keep && existsSync(path)) return;
  writeFileSync(path, text.endsWith('\n') ? text : text + '\n');
};

for (const p of projects) {
  const name = p.dir.split('/')[1];
  const up = '../..';
  mkdirSync(join(p.dir, 'src'), { recursive: true });
  const isApp = Boolean(p.bin);
  const pkgPath = join(p.dir, 'package.json');
  const old = existsSync(pkgPath) ? JSON.parse(readFileSync(pkgPath, 'utf8')) : {};
  const pkg = {
    name: `@l4lab/${name}`,
    version: old.version ?? V,
    description: p.desc,
    license: 'MIT',
    type: 'module',
    sideEffects: false,
    ...(isApp
      ? { bin: { [p.bin]: './dist/cli.js' }, exports: { './package.json': './package.json' } }
      : {
          exports: {
            '.': { '@l4lab/source': './src/index.ts', types: './dist/index.d.ts', import: './dist/index.js' },
            './package.json': './package.json',
          },
          main: './dist/index.js',
          types: './dist/index.d.ts',
        }),
    files: isApp ? ['dist'] : ['dist', 'src', '!src/**/*.test.ts', ...(old.files?.includes('guest') ? ['guest'] : [])],
    engines: { node: '>=20.9' },
    scripts: {
      build: 'tsup',
      test: 'vitest run',
      lint: 'eslint .',
      typecheck: 'tsc -p tsconfig.json --noEmit',
      publint: 'publint --strict',
      ...(old.scripts ?? {}),
    },
    dependencies: Object.fromEntries(p.deps.map((d) => [`@l4lab/${d}`, `^${V}`])),
    nx: { tags: p.tags, ...(old.nx ?? {}) },
  };
  pkg.nx.tags = p.tags;
  if (isApp) pkg.private = false;
  write(pkgPath, JSON.stringify(pkg, null, 2));
  write(
    join(p.dir, 'tsconfig.json'),
    JSON.stringify(
      { extends: `${up}/tsconfig.base.json`, compilerOptions: { types: ['node'], noEmit: true }, include: ['src', 'test', 'bench'] },
      null,
      2,
    ),
  );
  write(
    join(p.dir, 'tsup.config.ts'),
    isApp
      ? `import { defineConfig } from 'tsup';\nimport { packageBuild } from '${up}/tools/build/tsup.preset.js';\n\nexport default defineConfig(packageBuild({ entry: ['src/cli.ts'], platform: 'node', dts: false, banner: { js: '#!/usr/bin/env node' } }));`
      : `import { defineConfig } from 'tsup';\nimport { packageBuild } from '${up}/tools/build/tsup.preset.js';\n\nexport default defineConfig(packageBuild());`,
  );
  write(
    join(p.dir, 'vitest.config.ts'),
    `import { defineConfig } from 'vitest/config';\nimport { packageTests } from '${up}/tools/build/vitest.preset.js';\n\nexport default defineConfig(packageTests());`,
  );
}
console.log('projects written:', projects.map((p) => p.dir).join(' '));
