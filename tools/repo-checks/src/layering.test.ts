// Proves the lint configuration enforces DESIGN.md's layering: a package importing a layer above it, or
// another package's internals, fails lint; a permitted import passes.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layering lint', () => {
  it('forbids the CPU package from importing a kernel', async () => {
    const messages = await lint('packages/arm-core/src/layering-fixture.ts', "import { Syscall } from '@l4lab/okl4';\nexport const x = Syscall;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });
  it('forbids a kernel from importing a SoC package', async () => {
    const messages = await lint('packages/okl4/src/layering-fixture.ts', "import * as soc from '@l4lab/soc-s3c2440';\nexport const x = soc;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });
  it("forbids reaching into another package's internals", async () => {
    const messages = await lint('packages/okl4/src/layering-fixture.ts', "import { Cpu } from '@l4lab/arm-core/src/cpu/cpu.js';\nexport const x = Cpu;\n");
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });
  it('allows an import down the layers', async () => {
    const messages = await lint('packages/wombat/src/layering-fixture.ts', "import { Label } from '@l4lab/okl4';\nexport const x = Label;\n");
    expect(messages).toEqual([]);
  });
});

describe('test files', () => {
  it('may run a kernel on a SoC model, which its sources may not', async () => {
    const code = "import * as soc from '@l4lab/soc-s3c2440';\nexport const x = soc;\n";
    expect(await lint('packages/okl4/src/kernel-fixture.test.ts', code)).toEqual([]);
    expect((await lint('packages/okl4/src/kernel-fixture.ts', code)).length).toBeGreaterThan(0);
  });
  it('keeps the CPU package free of SoCs even in tests', async () => {
    const messages = await lint('packages/arm-core/src/fixture.test.ts', "import * as soc from '@l4lab/soc-s3c2440';\nexport const x = soc;\n");
    expect(messages.some((m) => m.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });
});
