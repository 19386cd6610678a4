// The protocol parser alone: every message a client may send, and the refusals with their codes.
import { describe, expect, it } from 'vitest';
import { checkAudioFrame, LIVE_ERRORS, parseClientMessage } from '../src/index.js';

const start = { type: 'start', pipeline: 'vad', encoding: 's16le', sampleRate: 16000, channels: 1 };
const refusal = (text: string) => {
  const parsed = parseClientMessage(text);
  if (parsed.ok) throw new Error(`expected a refusal for ${text}`);
  return parsed.refusal;
};

describe('parseClientMessage', () => {
  it('reads start (channels default to 1) and stop', () => {
    expect(parseClientMessage(JSON.stringify(start))).toEqual({ ok: true, value: start });
    const { channels: _, ...noChannels } = start;
    expect(parseClientMessage(JSON.stringify(noChannels))).toEqual({ ok: true, value: start });
    expect(parseClientMessage('{"type":"stop"}')).toEqual({ ok: true, value: { type: 'stop' } });
  });

  it('takes every encoding of the protocol', () => {
    for (const encoding of ['s16le', 'f32le', 'mulaw', 'alaw']) {
      expect(parseClientMessage(JSON.stringify({ ...start, encoding })).ok).toBe(true);
    }
  });

  it('refuses what is not the protocol with ERR_PROTOCOL', () => {
    expect(refusal(JSON.stringify({ ...start, ['x'.repeat(500)]: 1 })).reason.length).toBeLessThan(
      200,
    );
    expect(refusal('{"type":"start"')).toEqual({
      code: 'ERR_PROTOCOL',
      reason: 'a text message must be JSON',
    });
    expect(refusal('[1]').code).toBe('ERR_PROTOCOL');
    expect(refusal('"start"').code).toBe('ERR_PROTOCOL');
    expect(refusal('{"type":"play"}').reason).toBe(
      'unknown message type "play"; the client sends "start" then audio, then "stop"',
    );
    expect(refusal(JSON.stringify({ ...start, manifest: {} })).reason).toBe(
      'unknown key "manifest" in start; allowed: type, pipeline, encoding, sampleRate, channels',
    );
    expect(refusal(JSON.stringify({ ...start, pipeline: '' })).code).toBe('ERR_PROTOCOL');
  });

  it('refuses formats it does not take with ERR_UNSUPPORTED_FORMAT', () => {
    expect(refusal(JSON.stringify({ ...start, encoding: 'opus' }))).toEqual({
      code: 'ERR_UNSUPPORTED_FORMAT',
      reason: 'encoding "opus" is not supported; use one of s16le, f32le, mulaw, alaw',
    });
    for (const sampleRate of [7999, 192001, 16000.5, '16000', null]) {
      expect(refusal(JSON.stringify({ ...start, sampleRate })).code).toBe('ERR_UNSUPPORTED_FORMAT');
    }
    for (const channels of [0, 9, 1.5]) {
      expect(refusal(JSON.stringify({ ...start, channels })).code).toBe('ERR_UNSUPPORTED_FORMAT');
    }
  });
});

describe('checkAudioFrame', () => {
  const stereo16 = { encoding: 's16le', sampleRate: 16000, channels: 2 } as const;
  it('takes whole sample frames up to the limit', () => {
    expect(checkAudioFrame(1280, stereo16, 1280)).toBeUndefined();
    expect(
      checkAudioFrame(160, { ...stereo16, encoding: 'mulaw', channels: 1 }, 1280),
    ).toBeUndefined();
  });
  it('refuses half frames, empty frames and frames over the limit', () => {
    expect(checkAudioFrame(1282, stereo16, 4096)).toEqual({
      code: 'ERR_BAD_FRAME',
      reason:
        'an audio frame of 1282 bytes is not a whole number of 2-channel s16le samples (4 bytes each)',
    });
    expect(checkAudioFrame(0, stereo16, 4096)?.code).toBe('ERR_BAD_FRAME');
    expect(checkAudioFrame(4100, stereo16, 4096)?.code).toBe('ERR_FRAME_TOO_LARGE');
  });
});

describe('LIVE_ERRORS', () => {
  it('closes with standard codes, or 4xxx for the HTTP-like refusals', () => {
    for (const code of Object.values(LIVE_ERRORS)) {
      expect(
        code === 1001 ||
          code === 1002 ||
          code === 1003 ||
          (code >= 1007 && code <= 1013) ||
          (code >= 4000 && code < 5000),
      ).toBe(true);
    }
  });
});

describe('parseClientMessage on mangled input', () => {
  it('never throws: every one of 20,000 mutations of a valid start is a message or a coded refusal', () => {
    const valid = JSON.stringify({
      type: 'start',
      pipeline: 'vad',
      encoding: 's16le',
      sampleRate: 16000,
      channels: 1,
    });
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = '{}[]":,0123456789.-eE truefalsnul\\u00e9\u0000\ud800';
    let refusals = 0;
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const chars = [...valid];
      for (let k = 0; k <= random(4); k++) {
        const at = random(chars.length);
        const op = random(3);
        const c = alphabet[random(alphabet.length)] ?? '';
        if (op === 0) chars.splice(at, 1);
        else if (op === 1) chars.splice(at, 0, c);
        else chars[at] = c;
      }
      const text = chars.join('');
      const parsed = parseClientMessage(text);
      if (parsed.ok) {
        if (!['start', 'stop'].includes(parsed.value.type)) wrong.push(text);
      } else {
        refusals++;
        const { code, reason } = parsed.refusal;
        if (!(code in LIVE_ERRORS) || reason.length === 0 || reason.length > 200) wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
    expect(refusals).toBeGreaterThan(10_000);
  });
});
