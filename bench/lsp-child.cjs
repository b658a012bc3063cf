// Child of bench/run.mjs: the language server's latency from a one-character edit to published
// diagnostics, measured through the real protocol by a client in a fresh process, so that the
// client's own heap (and its background collections, on the bench's few cores) is not the one
// the bench built up in its other sections. Usage: node lsp-child.cjs LIB_CJS SERVER FILE CWD.
// Prints {"openMs", "latencies", "counts"}: the first diagnostics after opening the file, then
// 100 edits (a comment near the middle, then a value) after 10 warm-up edits.
'use strict';
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');

const [libPath, serverArg, path, cwd] = process.argv.slice(2);
const lib = require(resolve(libPath));
const server = resolve(serverArg);

async function main() {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  // A comment line and a value line near the middle of the file.
  const mid = lines.length >> 1;
  const commentLine = lines.findIndex((l, i) => i >= mid && /^\s*# unit \d+$/.test(l));
  const valueLine = lines.findIndex((l, i) => i >= mid && /^\s*keepalive \d+;$/.test(l));
  if (commentLine < 0 || valueLine < 0) throw new Error(`no comment/value line found in ${path}`);
  const commentCol = lines[commentLine].length; // end of "# unit N"
  const valueCol = lines[valueLine].indexOf(';'); // after the number of "keepalive 8"

  const client = lib.LspClient.start({ serverPath: server, cwd, timeoutMs: 15_000, keepPublished: false });
  try {
    await client.initialize({}); // no workspace folder: only the opened document is analysed
    const uri = lib.fileUri(path);
    const tOpen = performance.now();
    const first = await client.open(uri, text, 'nginx', 1, 30_000);
    const openMs = first.receivedAt - tOpen;
    await new Promise((r) => setTimeout(r, 300)); // let the post-open scheduled run finish

    const WARMUP = 10;
    const edit = async (i) => {
      const [line, col] = i < 50 + WARMUP ? [commentLine, commentCol] : [valueLine, valueCol];
      const change = i % 2 === 0
        ? { range: { start: { line, character: col }, end: { line, character: col } }, text: '7' }
        : { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' };
      const { sentAt, diagnostics } = await client.change(uri, [change]);
      const d = await diagnostics;
      return { latency: d.receivedAt - sentAt, count: d.diagnostics.length };
    };
    for (let i = 0; i < WARMUP; i++) await edit(i);
    const latencies = [];
    const counts = new Set();
    for (let i = WARMUP; i < WARMUP + 100; i++) {
      const r = await edit(i);
      latencies.push(r.latency);
      counts.add(r.count);
    }
    const code = await client.shutdown();
    if (code !== 0) throw new Error(`language server exited with code ${code} after shutdown/exit`);
    console.log(JSON.stringify({ openMs, latencies, counts: [...counts] }));
  } catch (e) {
    client.dispose();
    throw e;
  }
}

main().catch((e) => {
  console.error(e?.stack ?? String(e));
  process.exitCode = 1;
});
