import { defineConfig } from 'tsup';
import { packageBuild } from '../../tools/build/tsup.preset.js';

export default defineConfig(packageBuild({ entry: ['src/cli.ts'], platform: 'node', dts: false, banner: { js: '#!/usr/bin/env node' } }));
