// `remotemedia serve --ws` as a subprocess on examples/live: a client streams speech through the
// vad pipeline and gets its events; [live] is checked like every table; SIGTERM drains and exits 0.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { cli, configDir, examplesDir, refusedConfig, tempDir } from './helpers.js';
import { type CliProcess, startCli } from './nats.js';

const config = join(examplesDir, 'live', 'remotemedia.toml');
let server: CliProcess | undefined;
afterAll(() => server?.child.kill('SIGKILL'));

function urlOf(out: string): string {
  const match = /on (ws:\/\/[^/\s]+)\/ws/.exec(out);
  if (match?.[1] === undefined) throw new Error(`no URL in: ${out}`);
  return match[1];
}

describe('remotemedia serve --ws', () => {
  it('serves [live.pipelines]: speech in, VAD events out, SIGTERM drains and exits 0', async () => {
    server = startCli(['serve', '-c', config, '--ws', '0', '--web']);
    await server.waitFor('SIGTERM or Ctrl-C drains and stops it');
    expect(server.stdout()).toMatch(
      /^serving vad on ws:\/\/127\.0\.0\.1:\d+\/ws and .*; live page at http:\/\//,
    );
    const url = urlOf(server.stdout());
    const page = await fetch(url.replace('ws', 'http'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script type="module" src="app.js"></script>');

    const dir = tempDir();
    const wav = join(dir, 'speech.wav');
    execFileSync('espeak-ng', [
      '-v',
      'en-us',
      '-w',
      join(dir, 'raw.wav'),
      'Hello from the command line.',
    ]);
    execFileSync('sox', [
      join(dir, 'raw.wav'),
      '-r',
      '16000',
      '-b',
      '16',
      '-e',
      'signed',
      wav,
      'pad',
      '1',
      '1',
    ]);
    const pcm = execFileSync('sox', [wav, '-t', 'raw', '-']);

    const ws = new WebSocket(`${url}/ws`);
    const messages: { type: string; port?: string; value?: { type?: string } }[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(
      JSON.stringify({
        type: 'start',
        pipeline: 'vad',
        encoding: 's16le',
        sampleRate: 16000,
        channels: 1,
      }),
    );
    for (let at = 0; at < pcm.length; at += 640) ws.send(pcm.subarray(at, at + 640));
    ws.send(JSON.stringify({ type: 'stop' }));
    expect(await closed).toBe(1000);
    const events = messages
      .filter((m) => m.type === 'output' && m.port === 'events')
      .map((m) => m.value?.type);
    expect(events).toEqual(['speechStart', 'speechEnd']);
    expect(messages.at(-1)?.type).toBe('end');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stdout()).toContain('stopped after 1 sessions');
  });

  it('refuses a [live] table with unknown keys or bad pipeline names, with their lines', () => {
    const stderr = refusedConfig(
      ['serve', '--ws', '0'],
      [
        '[live]',
        'max_conections = 3',
        'token_env = "not a name"',
        '',
        '[live.pipelines]',
        '"v a d" = "vad.yaml"',
      ].join('\n'),
    );
    expect(stderr).toContain('remotemedia.toml has 3 problems');
    expect(stderr).toContain(
      "remotemedia.toml:2: unknown key 'max_conections' in [live]; allowed: host, token_env, max_connections",
    );
    expect(stderr).toContain(
      'remotemedia.toml:3: live.token_env must be the name of an environment variable',
    );
    expect(stderr).toContain(
      'remotemedia.toml:5: live.pipelines has the name "v a d"; use letters, digits, _ and - (at most 64)',
    );
  });

  it('needs pipelines to serve, a token variable that is set, and no NATS flags', () => {
    expect(refusedConfig(['serve', '--ws', '0'], '[live]\nmax_connections = 3\n')).toContain(
      'serves no pipelines; add [live.pipelines] with name = "manifest.yaml"',
    );
    const tokenDir = configDir(
      '[live]\ntoken_env = "LIVE_TEST_TOKEN"\n[live.pipelines]\nvad = "v.yaml"\n',
    );
    const token = cli(['serve', '--ws', '0'], { cwd: tokenDir, env: { LIVE_TEST_TOKEN: '' } });
    expect(token.stderr).toContain(
      'error ERR_INVALID_PARAM: [live] token_env names LIVE_TEST_TOKEN, which is not set',
    );
    const mixed = cli(['serve', '--ws', '0', '--servers', 'nats://127.0.0.1:4222'], {
      cwd: tokenDir,
    });
    expect(mixed.stderr).toContain(
      'error ERR_INVALID_PARAM: --servers is for serving over NATS, not with --ws',
    );
    const web = cli(['serve', '--web'], { cwd: tokenDir });
    expect(web.stderr).toContain('error ERR_INVALID_PARAM: --web needs --ws <port>');
  });
});
