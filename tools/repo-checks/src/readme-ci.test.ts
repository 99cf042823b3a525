// The README's commands are the contract; .ci/run must run exactly its test command.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (p: string) => readFileSync(root + p, 'utf8');

describe('README and CI agree', () => {
  it('names the main job and the test command', () => {
    const readme = read('README.md');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm test');
  });
  it('.ci/run runs npm test and the guest-image check', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm test\b/m);
    expect(ci).toContain('tools/guest/build.mjs --check');
  });
  it('every package exposes "." only (plus package.json)', () => {
    for (const dir of ['arm-core', 'soc-s3c2440', 'soc-s3c6410', 'okl4', 'iguana', 'linux', 'wombat', 'lmbench']) {
      const pkg = JSON.parse(read(`packages/${dir}/package.json`));
      expect(Object.keys(pkg.exports).sort(), dir).toEqual(['.', './package.json']);
      expect(pkg.exports['.']['@l4lab/source'], dir).toBe('./src/index.ts');
    }
  });
});
