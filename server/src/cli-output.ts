// The CLI's stdout and stderr, written synchronously to their file descriptors. Once everything
// is out the process can exit at once: a normal exit first waits for stream callbacks and for
// the background compile and GC tasks V8 still has queued.
import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

let queued = false;

/** Writes all of `text` to fd 1 or 2; what a full non-blocking pipe refuses goes to the stream. */
export function writeOut(fd: 1 | 2, text: string): void {
  // Keep the order once something waits in the stream. A Windows console needs the stream too:
  // only it converts the text to the console's own encoding (and keeps colours working).
  if (queued || (process.platform === 'win32' && isatty(fd))) {
    queued = true;
    (fd === 1 ? process.stdout : process.stderr).write(text);
    return;
  }
  const bytes = Buffer.from(text);
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // The reader has gone (`layerwise lint ... | head`): nothing more can be delivered.
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw e;
      queued = true;
      (fd === 1 ? process.stdout : process.stderr).write(bytes.subarray(at));
      return;
    }
  }
}

/** Ends the process with `code` now, unless some output still waits in a stream. */
export function exitWhenWritten(code: number): void {
  if (queued) process.exitCode = code;
  else process.exit(code);
}
