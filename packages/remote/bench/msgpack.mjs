// The workspace's msgpack library (msgpackr) against @msgpack/msgpack (what the remote codec used
// before) on the messages that cross a wire per audio frame: a Python bridge frame header (a small
// map; the samples travel beside it) and a remote session request carrying an AudioFrame as
// extension 1 (src/codec.ts). Each side's bytes must decode to the same value with the other
// library before anything is timed. Needs a built package (npm run build).
//   node packages/remote/bench/msgpack.mjs
import { deepStrictEqual } from 'node:assert';
import { Decoder, Encoder, ExtensionCodec } from '@msgpack/msgpack';
import { Packr } from 'msgpackr';
import { compare } from '../../../tools/bench/compare.mjs';
import { decode, encode } from '../dist/index.js';

const HEADER_BYTES = 16;

function frame(count, sampleRate, channels, timestamp) {
  const samples = new Float32Array(count);
  for (let i = 0; i < count; i++) samples[i] = Math.sin(i / 7) * 0.5;
  return { samples, sampleRate, channels, timestamp };
}

// The same wire format with @msgpack/msgpack, whose extension codec recognises a frame by shape
// (little-endian host, as in CI).
const extensions = new ExtensionCodec();
extensions.register({
  type: 1,
  encode: (f) => {
    if (!(f?.samples instanceof Float32Array)) return null;
    const out = new Uint8Array(HEADER_BYTES + f.samples.byteLength);
    const view = new DataView(out.buffer);
    view.setUint32(0, f.sampleRate, true);
    view.setUint16(4, f.channels, true);
    view.setUint16(6, f.timestamp === undefined ? 0 : 1, true);
    if (f.timestamp !== undefined) view.setFloat64(8, f.timestamp, true);
    out.set(new Uint8Array(f.samples.buffer, f.samples.byteOffset, f.samples.byteLength), 16);
    return out;
  },
  decode: (data) => {
    const view = new DataView(data.buffer, data.byteOffset, HEADER_BYTES);
    let body = data.subarray(HEADER_BYTES);
    if (body.byteOffset % 4 !== 0) body = Uint8Array.prototype.slice.call(body); // align
    const f = {
      samples: new Float32Array(body.buffer, body.byteOffset, body.byteLength / 4),
      sampleRate: view.getUint32(0, true),
      channels: view.getUint16(4, true),
    };
    if ((view.getUint16(6, true) & 1) === 1) f.timestamp = view.getFloat64(8, true);
    return f;
  },
});
const framed = {
  encoder: new Encoder({ extensionCodec: extensions, ignoreUndefined: true }),
  decoder: new Decoder({ extensionCodec: extensions }),
};
const plain = { encoder: new Encoder(), decoder: new Decoder() };
// The Python bridge's header codec (packages/python/src/frame.ts).
const bridgePackr = new Packr({ useRecords: false, moreTypes: false });

const codecs = {
  header: {
    ours: { encode: (m) => bridgePackr.pack(m), decode: (b) => bridgePackr.unpack(b) },
    peer: { encode: (m) => plain.encoder.encode(m), decode: (b) => plain.decoder.decode(b) },
  },
  remote: {
    ours: { encode, decode },
    peer: { encode: (m) => framed.encoder.encode(m), decode: (b) => framed.decoder.decode(b) },
  },
};

const request = (f) => ({ op: 'process', seq: 12, value: f });
const cases = [
  [
    'Python bridge frame header (plain map)',
    codecs.header,
    {
      op: 'process',
      id: 4711,
      inst: 3,
      data: { k: 'audio', off: 0, len: 7680, dtype: 'f32', rate: 48000, ch: 2, ts: 1260 },
    },
  ],
  ['remote request, 20 ms 16 kHz mono', codecs.remote, request(frame(320, 16_000, 1, 240))],
  ['remote request, 20 ms 48 kHz stereo', codecs.remote, request(frame(1920, 48_000, 2, 240))],
  ['remote request, 1 s 48 kHz stereo', codecs.remote, request(frame(96_000, 48_000, 2, 240))],
];

for (const [title, { ours, peer }, message] of cases) {
  const expected = peer.decode(peer.encode(message));
  deepStrictEqual(peer.decode(ours.encode(message)), expected);
  deepStrictEqual(ours.decode(peer.encode(message)), expected);
  await compare(`${title}: encode + decode`, [
    { name: 'msgpackr', fn: () => ours.decode(ours.encode(message)) },
    { name: '@msgpack/msgpack', fn: () => peer.decode(peer.encode(message)) },
  ]);
}
