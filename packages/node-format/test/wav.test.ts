import { describe, expect, it } from 'vitest';
import { decodeWav, decodeWavAsync, encodeWav, encodeWavAsync } from '../src/index.js';
import { maxAbsDiff, read, soxDecode, soxWav } from './helpers.js';

const cases = [
  {
    name: 'u8 mono',
    rate: 8000,
    channels: 1,
    encoding: ['-e', 'unsigned-integer', '-b', '8'],
    format: 'u8',
    tol: 1 / 128,
  },
  {
    name: 's16 stereo',
    rate: 48000,
    channels: 2,
    encoding: ['-e', 'signed-integer', '-b', '16'],
    format: 's16',
    tol: 1e-7,
  },
  {
    name: 's24 stereo',
    rate: 44100,
    channels: 2,
    encoding: ['-e', 'signed-integer', '-b', '24'],
    format: 's24',
    tol: 1e-7,
  },
  {
    name: 's32 mono',
    rate: 16000,
    channels: 1,
    encoding: ['-e', 'signed-integer', '-b', '32'],
    format: 's32',
    tol: 1e-7,
  },
  {
    name: 'f32 stereo',
    rate: 48000,
    channels: 2,
    encoding: ['-e', 'floating-point', '-b', '32'],
    format: 'f32',
    tol: 0,
  },
  {
    name: 'f64 stereo (read through symphonia)',
    rate: 22050,
    channels: 2,
    encoding: ['-e', 'floating-point', '-b', '64'],
    format: 'f64',
    tol: 1e-7,
  },
  {
    name: 's16 5.1 (extensible)',
    rate: 48000,
    channels: 6,
    encoding: ['-e', 'signed-integer', '-b', '16'],
    format: 's16',
    tol: 1e-7,
  },
  {
    name: 's24 8 channels (extensible)',
    rate: 96000,
    channels: 8,
    encoding: ['-e', 'signed-integer', '-b', '24'],
    format: 's24',
    tol: 1e-7,
  },
] as const;

describe('decodeWav on files made by sox', () => {
  for (const c of cases) {
    it(`${c.name} matches sox's own decoding`, async () => {
      const path = soxWav(`${c.name.replace(/\W+/g, '-')}.wav`, c);
      const wav = decodeWav(read(path));
      expect(wav.sampleRate).toBe(c.rate);
      expect(wav.channels).toBe(c.channels);
      expect(wav.format).toBe(c.format);
      const reference = soxDecode(path);
      expect(wav.samples.length).toBe(reference.length);
      expect(maxAbsDiff(wav.samples, reference)).toBeLessThanOrEqual(c.tol);
      const viaAsync = await decodeWavAsync(read(path));
      expect(viaAsync.samples).toEqual(wav.samples);
    });
  }
});

describe('encodeWav', () => {
  it('writes files sox reads back identically, in every format', async () => {
    const samples = Float32Array.from({ length: 2 * 4800 }, (_, i) => 0.5 * Math.sin(i / 30));
    for (const format of ['s16', 's24', 's32', 'u8', 'f32'] as const) {
      const bytes = encodeWav({ samples, sampleRate: 48000, channels: 2 }, { format });
      const back = decodeWav(bytes);
      expect(back.format).toBe(format);
      expect(back.channels).toBe(2);
      const tol = format === 'u8' ? 1 / 128 : format === 's16' ? 1 / 32768 : 1e-6;
      expect(maxAbsDiff(back.samples, samples)).toBeLessThanOrEqual(tol);
      expect(await encodeWavAsync({ samples, sampleRate: 48000, channels: 2 }, { format })).toEqual(
        bytes,
      );
    }
  });

  it('s16 WAV -> f32 -> s16 WAV reproduces the sample data exactly', () => {
    const path = soxWav('exact.wav', {
      rate: 16000,
      channels: 1,
      encoding: ['-e', 'signed-integer', '-b', '16'],
    });
    const original = read(path);
    const again = encodeWav(decodeWav(original), { format: 's16' });
    expect(decodeWav(again).samples).toEqual(decodeWav(original).samples);
  });
});

describe('bad WAV input', () => {
  const good = () => encodeWav({ samples: new Float32Array(200), sampleRate: 16000, channels: 2 });

  it('rejects truncated files', () => {
    const bytes = good();
    expect(() => decodeWav(bytes.subarray(0, bytes.length - 50))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringMatching(/truncated/),
      }),
    );
    expect(() => decodeWav(bytes.subarray(0, 20))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });

  it('rejects non-WAV data and non-buffers', async () => {
    expect(() => decodeWav(Buffer.from('this is not a wav file, just text'))).toThrow(
      /not a valid WAV/,
    );
    expect(() => decodeWav('file.wav' as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    await expect(decodeWavAsync(Buffer.from('nope'))).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
  });

  it('rejects compressed WAV (IMA ADPCM and mu-law, made by sox)', () => {
    const adpcm = soxWav('adpcm.wav', { rate: 8000, channels: 1, encoding: ['-e', 'ima-adpcm'] });
    expect(() => decodeWav(read(adpcm))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringMatching(/compressed/),
      }),
    );
    const ulaw = soxWav('ulaw.wav', { rate: 8000, channels: 1, encoding: ['-e', 'u-law'] });
    expect(() => decodeWav(read(ulaw))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringMatching(/compressed/),
      }),
    );
  });

  it('rejects an absurd data size without allocating it', () => {
    const bytes = Buffer.from(good());
    const data = bytes.indexOf('data');
    bytes.writeUInt32LE(0xffffffff, data + 4);
    expect(() => decodeWav(bytes)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
  });

  it('rejects bad audio to encode', () => {
    expect(() =>
      encodeWav({ samples: new Float32Array(3), sampleRate: 16000, channels: 2 }),
    ).toThrow(/not a multiple of 2 channels/);
    expect(() => encodeWav({ samples: new Float32Array(2), sampleRate: 0, channels: 2 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PARAM' }),
    );
    expect(() =>
      encodeWav(
        { samples: new Float32Array(2), sampleRate: 8000, channels: 1 },
        { format: 'mp3' as never },
      ),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PARAM' }));
  });
});

describe('encodeWav options', () => {
  it('refuses an unknown key, naming it and the likely one', async () => {
    const audio = { samples: new Float32Array(8), sampleRate: 8_000, channels: 1 };
    const bad = { formt: 's16' } as never;
    const expected = expect.objectContaining({
      code: 'ERR_INVALID_PARAM',
      message: expect.stringMatching(
        /unknown option 'formt' for encodeWav \(did you mean 'format'\?\)/,
      ),
    });
    expect(() => encodeWav(audio, bad)).toThrow(expected);
    await expect(encodeWavAsync(audio, bad)).rejects.toThrow(expected);
  });
});
