import { readSync } from 'node:fs';
import { main } from './cli-main.js';

/**
 * Standard input for the guest, read synchronously (the simulation is synchronous) and only when the
 * guest asks for a byte, so a guest that never reads input never waits on the terminal.
 */
function stdinReader(): () => number | undefined {
  const buffer = new Uint8Array(4096);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let start = 0;
  let end = 0;
  let done = false;
  return () => {
    while (start === end && !done) {
      try {
        end = readSync(0, buffer, 0, buffer.length, null);
        start = 0;
        if (end === 0) done = true;
      } catch (e) {
        // A non-blocking descriptor with nothing yet: wait a little; anything else ends the input.
        if ((e as { code?: string }).code === 'EAGAIN') Atomics.wait(pause, 0, 0, 10);
        else done = true;
      }
    }
    return start < end ? buffer[start++] : undefined;
  };
}

process.exitCode = main(process.argv.slice(2), {
  stdout: (data) => process.stdout.write(data),
  stderr: (text) => process.stderr.write(text),
  stdin: stdinReader(),
});
