import { readSync } from 'node:fs';
import { byteReader } from '@l4lab/arm-core';
import { main } from './cli-main.js';

// Standard input is read synchronously, as the simulation runs; a non-blocking descriptor with nothing
// yet says EAGAIN and is asked again after a short wait.
const pause = new Int32Array(new SharedArrayBuffer(4));
process.exitCode = main(process.argv.slice(2), {
  stdout: (data) => process.stdout.write(data),
  stderr: (text) => process.stderr.write(text),
  stdin: byteReader({
    read: (buffer) => readSync(0, buffer, 0, buffer.length, null),
    notReady: (e) => (e as { code?: string }).code === 'EAGAIN',
    pause: () => Atomics.wait(pause, 0, 0, 10),
  }),
});
