// The live page in a real browser: Debian's chromium, headless, whose fake microphone plays an
// espeak-ng speech WAV with silences of known length; the page streams it to the server in 20 ms
// frames and lists segments whose starts match the phrases' onsets. A screenshot is kept.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserOutputDir, launchChromium } from '../../../tools/testing/browser.js';
import { createLiveServer, type LiveServer } from '../src/index.js';
import { registry, vadManifest } from './client.js';
import { ONSET_TOLERANCE_MS, type SpeechFixture, speechFixture } from './speech.js';

let server: LiveServer;
let browser: Browser;
let speech: SpeechFixture;

beforeAll(async () => {
  speech = speechFixture(mkdtempSync(join(tmpdir(), 'live-page-')), 48000);
  server = await createLiveServer({ registry, pipelines: { vad: vadManifest }, web: true });
  browser = await launchChromium({
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${speech.file}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const segmentsOf = (page: Page) =>
  page.$$eval('#segments li[data-end-ms]', (items) =>
    items.map((li) => ({ startMs: Number(li.dataset.startMs), endMs: Number(li.dataset.endMs) })),
  );

describe('the live page', () => {
  it('streams the microphone and lists speech segments at the known onsets', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 640 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(server.url);
    await page.click('#toggle');
    await expect.poll(() => page.textContent('#state'), { timeout: 30_000 }).toMatch(/^streaming/);
    await expect
      .poll(async () => (await segmentsOf(page)).length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(speech.phrases.length);
    const segments = (await segmentsOf(page)).slice(0, speech.phrases.length);
    segments.forEach((segment, i) => {
      expect(Math.abs(segment.startMs - (speech.phrases[i]?.startMs ?? 0))).toBeLessThan(
        ONSET_TOLERANCE_MS,
      );
    });
    expect(await page.textContent('#error')).toBe('');
    await page.screenshot({ path: join(browserOutputDir('live-page'), 'live-page.png') });

    await page.click('#toggle');
    await expect.poll(() => page.textContent('#state')).toBe('ended');
    expect(problems).toEqual([]);
    await expect.poll(() => server.sessions).toBe(0);
  });

  it('shows a refusal: an unknown pipeline is named in the error line and the state', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/?pipeline=nope`);
    await page.click('#toggle');
    await expect
      .poll(() => page.textContent('#error'))
      .toBe('ERR_UNKNOWN_PIPELINE: no pipeline named "nope"; this server serves: vad');
    await expect.poll(() => page.textContent('#state')).toBe('error (closed 4404)');
  });
});
