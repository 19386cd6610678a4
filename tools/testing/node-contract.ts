// The node contract every kit node passes, run by each native package (and by the package the
// generator makes) over its own definitions: output independent of how the input is chunked,
// a package's nodes fused equal to the same nodes one by one (audio, bytes, json and timestamps),
// also behind a rate change inside the package binary, flush and reset start a new stream, bad params are ERR_INVALID_PARAM naming the field, and a
// panicking node is ERR_NATIVE_PANIC with the process and the package still working.
import { Buffer } from 'node:buffer';
import type { RemoteMediaError } from '@remotemedia/errors';
import {
  type AudioFrame,
  type KitBinding,
  type KitNodeDefinition,
  type KitPort,
  KitRun,
  readKitNodeSet,
} from '@remotemedia/native';
import { describe, expect, it } from 'vitest';

// biome-ignore lint/suspicious/noExplicitAny: every definition's params and output types differ.
type AnyKitDefinition = KitNodeDefinition<any, any>;

export interface ContractCase {
  definition: AnyKitDefinition;
  params: Record<string, unknown>;
  /** The input stream's format. */
  sampleRate: number;
  channels: number;
  /** A node of the same package fed by this one, to check fusion (e.g. across a rate change). */
  next?: { definition: AnyKitDefinition; params: Record<string, unknown> };
}

/** What a stream produced: all audio, all bytes, json values by port, audio timestamps. */
interface Collected {
  audio: number[];
  bytes: Buffer;
  json: Record<string, unknown[]>;
  stamps: (number | undefined)[];
}

const START_MS = 1_000;

/** Half a second of tone bursts and silence with a little noise, the same on every call. */
function signal(sampleRate: number, channels: number): Float32Array {
  const frames = sampleRate / 2;
  const out = new Float32Array(frames * channels);
  let seed = 7;
  for (let i = 0; i < frames; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    const burst = Math.floor((i / sampleRate) * 8) % 2 === 0 ? 0.4 : 0;
    const v =
      burst * Math.sin((2 * Math.PI * 220 * i) / sampleRate) + (seed / 2 ** 31 - 0.5) * 0.01;
    for (let c = 0; c < channels; c++) out[i * channels + c] = v;
  }
  return out;
}

/** The signal as frames of `size` sample frames (the last may be shorter), timed from START_MS. */
function chunks(c: ContractCase, size: number): AudioFrame[] {
  const samples = signal(c.sampleRate, c.channels);
  const step = size * c.channels;
  const out: AudioFrame[] = [];
  for (let at = 0; at < samples.length; at += step) {
    const timestamp = START_MS + (at / c.channels / c.sampleRate) * 1000;
    out.push({ samples: samples.slice(at, at + step), ...format(c), timestamp });
  }
  return out;
}

function format(c: ContractCase) {
  return { sampleRate: c.sampleRate, channels: c.channels };
}

function empty(): Collected {
  return { audio: [], bytes: Buffer.alloc(0), json: {}, stamps: [] };
}

/** Adds one output (in its contract shape) to `into`. */
function add(into: Collected, outputs: readonly KitPort[], out: unknown): void {
  if (out === undefined) return;
  const record = (outputs.length === 1 ? { [outputs[0]?.name ?? '']: out } : out) as Record<
    string,
    unknown
  >;
  for (const port of outputs) {
    const value = record[port.name];
    if (value === undefined) continue;
    if (port.type === 'audio') {
      const frame = value as AudioFrame;
      into.audio.push(...frame.samples);
      into.stamps.push(frame.timestamp);
    } else if (port.type === 'bytes') {
      into.bytes = Buffer.concat([into.bytes, value as Uint8Array]);
    } else {
      into.json[port.name] = [...(into.json[port.name] ?? []), ...(value as unknown[])];
    }
  }
}

/** Runs `frames` through a fresh node of `c`, then flushes. */
function run(c: ContractCase, frames: AudioFrame[]): Collected {
  const node = c.definition.create(c.params);
  const got = collect(node, c.definition.metadata.outputs, frames);
  node.close();
  return got;
}

function collect(
  node: { process(frame: AudioFrame): unknown; flush(): unknown },
  outputs: readonly KitPort[],
  frames: AudioFrame[],
): Collected {
  const got = empty();
  for (const frame of frames) add(got, outputs, node.process(frame));
  add(got, outputs, node.flush());
  return got;
}

/** The audio output of a node's output, for feeding the next node. */
function audioOf(outputs: readonly KitPort[], out: unknown): AudioFrame | undefined {
  if (out === undefined) return undefined;
  const port = outputs.find((p) => p.type === 'audio');
  if (port === undefined) return undefined;
  return (outputs.length === 1 ? out : (out as Record<string, unknown>)[port.name]) as
    | AudioFrame
    | undefined;
}

function expectSame(a: Collected, b: Collected, what: string): void {
  expect(a.audio.length, `${what}: audio length`).toBe(b.audio.length);
  expect(Float32Array.from(a.audio), `${what}: audio`).toEqual(Float32Array.from(b.audio));
  expect(a.bytes.equals(b.bytes), `${what}: bytes`).toBe(true);
  expect(a.json, `${what}: json`).toEqual(b.json);
}

function expectRefused(create: () => unknown, field: string): void {
  let caught: unknown;
  try {
    create();
  } catch (error) {
    caught = error;
  }
  expect(caught, `params with a bad '${field}'`).toMatchObject({ code: 'ERR_INVALID_PARAM' });
  expect((caught as RemoteMediaError).message).toContain(field);
}

/** Runs `frames` through `first` then `second`, each its own node, as core does across packages. */
function oneByOne(
  first: AnyKitDefinition,
  firstParams: Record<string, unknown>,
  second: AnyKitDefinition,
  secondParams: Record<string, unknown>,
  frames: AudioFrame[],
): Collected {
  const a = first.create(firstParams);
  const b = second.create(secondParams);
  const outputs = second.metadata.outputs;
  const apart = empty();
  const feed = (out: unknown) => {
    const audio = audioOf(first.metadata.outputs, out);
    if (audio !== undefined) add(apart, outputs, b.process(audio));
  };
  for (const frame of frames) feed(a.process(frame));
  feed(a.flush());
  add(apart, outputs, b.flush());
  a.close();
  b.close();
  return apart;
}

function expectFusedAsApart(together: Collected, apart: Collected): void {
  expectSame(together, apart, 'fused vs one by one');
  // A fused flush may give the last frame in one piece where one by one gives two.
  const body = Math.min(together.stamps.length, apart.stamps.length) - 2;
  expect(body).toBeGreaterThan(0);
  expect(together.stamps.slice(0, body)).toEqual(apart.stamps.slice(0, body));
  expect(together.stamps[0]).toBe(START_MS);
}

/** The contract suite over `cases`; `testAddon` is the package's `test-panic` build. */
export function describeNodeContract(cases: ContractCase[], testAddon?: KitBinding): void {
  const testSet = testAddon === undefined ? undefined : readKitNodeSet(testAddon);
  for (const c of cases) {
    const type = c.definition.type;
    describe(`node contract: ${type}`, () => {
      it('gives the same output however the input is chunked (1, 7, 480 frames, whole)', () => {
        const whole = run(c, chunks(c, c.sampleRate));
        expect(
          whole.audio.length + whole.bytes.length + Object.keys(whole.json).length,
        ).toBeGreaterThan(0);
        for (const size of [1, 7, 480])
          expectSame(run(c, chunks(c, size)), whole, `${size}-frame chunks`);
      });

      it('starts a new stream after flush and after reset', () => {
        const frames = chunks(c, 480);
        const fresh = run(c, frames);
        const node = c.definition.create(c.params);
        const outputs = c.definition.metadata.outputs;
        expectSame(collect(node, outputs, frames), fresh, 'first stream');
        expectSame(collect(node, outputs, frames), fresh, 'stream after flush');
        expect(collect(node, outputs, frames).stamps).toEqual(fresh.stamps);
        for (const frame of frames.slice(0, frames.length >> 1)) node.process(frame);
        node.reset();
        expectSame(collect(node, outputs, frames), fresh, 'stream after reset');
        node.close();
      });

      it('refuses bad params with ERR_INVALID_PARAM naming the field', () => {
        expectRefused(() => c.definition.create({ ...c.params, notAParam: 1 }), 'notAParam');
        for (const field of Object.keys(c.definition.metadata.params.properties)) {
          expectRefused(() => c.definition.create({ ...c.params, [field]: { bad: true } }), field);
        }
      });

      if (c.next !== undefined) {
        const next = c.next;
        it(`runs fused with ${next.definition.type} exactly as one by one, timestamps included`, () => {
          expect(next.definition.native, 'fusion is only within one package').toBe(
            c.definition.native,
          );
          const frames = chunks(c, c.sampleRate / 50);
          const outputs = next.definition.metadata.outputs;
          const fused = c.definition.native.fuse(
            [type, next.definition.type],
            [JSON.stringify(c.params), JSON.stringify(next.params)],
            outputs,
          );
          const apart = oneByOne(c.definition, c.params, next.definition, next.params, frames);
          expectFusedAsApart(collect(fused, outputs, frames), apart);
          fused.close();
        });
      }

      if (testSet !== undefined) {
        it('runs fused behind a rate change exactly as one by one (bytes, json, timestamps)', () => {
          // The package's test build holds its nodes and TestHalveRate (48 kHz in, 24 kHz out).
          const halve = testSet.definition('TestHalveRate');
          const frames = chunks(c, c.sampleRate / 50);
          const outputs = c.definition.metadata.outputs;
          const fused = testSet.native.fuse(
            ['TestHalveRate', type],
            ['{}', JSON.stringify(c.params)],
            outputs,
          );
          const together = collect(fused, outputs, frames);
          fused.close();
          const apart = oneByOne(halve, {}, c.definition, c.params, frames);
          expect(
            apart.audio.length + apart.bytes.length + Object.keys(apart.json).length,
          ).toBeGreaterThan(0);
          expectFusedAsApart(together, apart);
        });
      }

      if (testAddon !== undefined) {
        it('reports a panicking node as ERR_NATIVE_PANIC, and the process and package live on', () => {
          const audio: KitPort[] = [{ name: 'audio', type: 'audio' }];
          const panics = new KitRun(testAddon.KitChain, ['TestPanic'], ['{}'], audio);
          const frame = chunks(c, 480)[0] as AudioFrame;
          expect(() => panics.process(frame)).toThrow(
            expect.objectContaining({
              code: 'ERR_NATIVE_PANIC',
              message: expect.stringMatching(/deliberate test panic/),
            }),
          );
          expect(() => panics.process(frame)).toThrow(
            expect.objectContaining({ code: 'ERR_NATIVE_PANIC' }),
          );
          panics.close();
          expectSame(run(c, chunks(c, 480)), run(c, chunks(c, 480)), 'after the panic');
        });
      }
    });
  }
}
