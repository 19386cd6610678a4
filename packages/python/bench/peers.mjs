// The two peers of the bridge benchmark: a raw echo on the same kind of socket (the floor) and a
// JSON + base64 over stdio bridge (what most Node-Python bridges do).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const here = (p) => new URL(p, import.meta.url).pathname;

/** Sends each request only after the previous reply, like a node in a pipeline. */
function serial(send) {
  let waiting;
  return {
    onReply: (value) => waiting?.(value),
    call: (input) =>
      new Promise((resolve) => {
        waiting = resolve;
        send(input);
      }),
  };
}

export function rawEcho(python) {
  const child = spawn(python, [here('./raw_echo.py')], {
    stdio: ['ignore', 'inherit', 'inherit', 'pipe'],
  });
  const socket = child.stdio[3];
  const chunks = [];
  let buffered = 0;
  const link = serial((bytes) => {
    const prefix = Buffer.allocUnsafe(4);
    prefix.writeUInt32BE(bytes.byteLength, 0);
    socket.cork();
    socket.write(prefix);
    socket.write(bytes);
    socket.uncork();
  });
  socket.on('data', (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    if (buffered < 4) return;
    if (chunks[0].length < 4) chunks.splice(0, chunks.length, Buffer.concat(chunks));
    if (buffered < 4 + chunks[0].readUInt32BE(0)) return;
    const all = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    chunks.length = 0;
    buffered = 0;
    const body = all.subarray(4);
    const out = new Float32Array(body.byteLength / 4);
    new Uint8Array(out.buffer).set(body);
    link.onReply(out);
  });
  return {
    echo: (samples) =>
      link.call(new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)),
    close: () => child.kill(),
  };
}

export function jsonEcho(python) {
  const child = spawn(python, [here('./json_echo.py')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const link = serial((line) => child.stdin.write(line));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const msg = JSON.parse(line);
    const bytes = Buffer.from(msg.samples, 'base64');
    const out = new Float32Array(bytes.byteLength / 4);
    new Uint8Array(out.buffer).set(bytes);
    link.onReply({ samples: out, sampleRate: msg.sampleRate, channels: msg.channels });
  });
  return {
    echo: (frame) =>
      link.call(
        `${JSON.stringify({
          sampleRate: frame.sampleRate,
          channels: frame.channels,
          samples: Buffer.from(
            frame.samples.buffer,
            frame.samples.byteOffset,
            frame.samples.byteLength,
          ).toString('base64'),
        })}\n`,
      ),
    close: () => child.kill(),
  };
}
