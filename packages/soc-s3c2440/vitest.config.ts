import { defineConfig } from 'vitest/config';
import { packageTests } from '../../tools/build/vitest.preset.js';

export default defineConfig(packageTests());
