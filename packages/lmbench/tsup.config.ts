import { defineConfig } from 'tsup';
import { packageBuild } from '../../tools/build/tsup.preset.js';

export default defineConfig(packageBuild());
