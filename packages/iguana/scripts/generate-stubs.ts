// Regenerates the committed C client stubs from the IDL (src/idl/iguana-idl.ts). Run: npm run generate-stubs
import { writeFileSync } from 'node:fs';
import { GENERATED_HEADER, GENERATED_SOURCE, generateHeader, generateSource } from '../src/idl/generate.js';

const root = new URL('../', import.meta.url);
writeFileSync(new URL(GENERATED_HEADER, root), generateHeader());
writeFileSync(new URL(GENERATED_SOURCE, root), generateSource());
console.log(`wrote ${GENERATED_HEADER} and ${GENERATED_SOURCE}`);
