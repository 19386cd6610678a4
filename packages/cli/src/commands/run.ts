// `remotemedia run <manifest> --input in.wav`: streams a WAV through the pipeline in
// real-time-sized frames, then writes the sinks' audio (--output), values + metrics (--json) and
// an HTML page showing them over the input's waveform (--report).
// Ctrl-C ends the input; what the pipeline produced up to then is flushed and written.
import {
  createPipeline,
  isRemoteMediaError,
  loadManifest,
  type Pipeline,
  validateManifest,
} from '@remotemedia/core';
import { Command, Option } from 'commander';
import { commandContext } from '../context.js';
import { readGivenFile, writeGivenFile } from '../files.js';
import { registryFromCatalog } from '../registry-from-config.js';
import { OutputCollector, sinkPorts } from '../run/collect.js';
import { loadConvertTools } from '../run/convert-tools.js';
import { frameDuration } from '../run/frame-duration.js';
import { progressBar } from '../run/progress.js';
import { reportHtml } from '../run/report/write-report.js';
import type { RunResults } from '../run/results.js';
import { metricsTable } from '../run/summary.js';
import { frameFeed } from '../run/wav-frames.js';

interface RunOptions {
  input: string;
  output?: string;
  json?: string;
  report?: string;
  realtime?: boolean;
  frameMs: string;
  format: 's16' | 'f32';
  progress: boolean;
}

/** Exit code of a run ended by Ctrl-C (128 + SIGINT), after its output was written. */
const INTERRUPTED = 130;

export function runCommand(): Command {
  return new Command('run')
    .description('stream a WAV file through a pipeline manifest')
    .argument('<manifest>', 'manifest file (JSON or YAML)')
    .requiredOption('-i, --input <wav>', 'input WAV file')
    .option('-o, --output <wav>', 'write the audio of the sink to this WAV')
    .option('--json <file>', 'write the sinks’ outputs and the metrics to this JSON file')
    .option(
      '--report <file>',
      'write a self-contained HTML report: waveform, outputs on a time axis, node latency',
    )
    .option('--realtime', 'feed frames at the speed of the audio instead of as fast as possible')
    .option('--frame-ms <ms>', 'frame duration', '20')
    .addOption(
      new Option('--format <format>', 'sample format of --output')
        .choices(['s16', 'f32'])
        .default('s16'),
    )
    .option('--no-progress', 'never draw the progress bar (it is only drawn on a TTY)')
    .action(async (file: string, opts: RunOptions, command: Command) => {
      const frameMs = frameDuration(opts.frameMs);
      const manifest = await loadManifest(file);
      const { catalog } = await commandContext(command);
      const registry = registryFromCatalog(catalog);
      try {
        // Python nodes' metadata (ports, params schema) is needed to validate and collect.
        if (catalog.python !== undefined) await registry.loadPythonDefinitions();
        const check = validateManifest(manifest, registry);
        if (!check.ok) {
          const lines = check.errors.map((e) => `  ${e.path}: ${e.message} [${e.code}]`);
          process.stderr.write(`${file} is not valid:\n${lines.join('\n')}\n`);
          process.exitCode = 1;
          return;
        }
        // Imported here so that `nodes list` and `validate` never load a native binary.
        const { decodeWavAsync, encodeWavAsync } = await import('@remotemedia/node-format');
        const wav = await decodeWavAsync(await readGivenFile(opts.input, 'input'));
        const totalSeconds = wav.samples.length / wav.channels / wav.sampleRate;
        const feed = frameFeed(wav, frameMs, opts.realtime === true);
        const sinks = sinkPorts(manifest.nodes, manifest.connections ?? [], (t) =>
          registry.getMetadata(t),
        );
        // The sink's audio is kept only for --output, converted there to one format if needed.
        const collector = new OutputCollector(
          sinks,
          opts.output === undefined ? undefined : await loadConvertTools(),
        );
        const progress = progressBar(totalSeconds, opts.progress);
        const abort = new AbortController();
        const onSigint = () => {
          if (!feed.stopped) {
            feed.stop();
            process.stderr.write(
              '\nstopping: flushing what was produced (Ctrl-C again to abort)\n',
            );
          } else abort.abort();
        };
        process.on('SIGINT', onSigint);
        const started = performance.now();
        let pipeline: Pipeline | undefined;
        let failure: unknown;
        try {
          pipeline = await createPipeline(registry, manifest);
          const single = sinks.length === 1 ? sinks[0]?.id : undefined;
          for await (const item of pipeline.stream(feed.frames, { signal: abort.signal })) {
            const atMs = feed.fedSeconds * 1000;
            if (single !== undefined) collector.add(single, item, atMs);
            else {
              const { nodeId, value } = item as { nodeId: string; value: unknown };
              collector.add(nodeId, value, atMs);
            }
            progress.update(feed.fedSeconds);
          }
        } catch (error) {
          if (!(isRemoteMediaError(error, 'ERR_ABORTED') && abort.signal.aborted)) failure = error;
        } finally {
          process.off('SIGINT', onSigint);
          progress.update(feed.fedSeconds);
          progress.stop();
        }
        const wallSeconds = (performance.now() - started) / 1000;
        const interrupted = feed.stopped;
        const metrics = pipeline?.metrics() ?? { nodes: {} };
        await pipeline?.close();

        const audio = collector.audio();
        for (const warning of collector.warnings) process.stderr.write(`warning: ${warning}\n`);
        if (opts.output !== undefined) {
          if (audio === undefined) {
            process.stderr.write('warning: the pipeline produced no audio; --output not written\n');
          } else {
            if (audio.converted > 0) {
              process.stderr.write(
                `note: ${audio.converted} output frame(s) had another format than the first (${audio.sampleRate} Hz, ${audio.channels} ch) and were converted to it for --output\n`,
              );
            }
            const bytes = await encodeWavAsync(audio, { format: opts.format });
            await writeGivenFile(opts.output, bytes);
          }
        }
        const processedSeconds = feed.fedSeconds;
        const results: RunResults = {
          manifest: file,
          input: {
            file: opts.input,
            sampleRate: wav.sampleRate,
            channels: wav.channels,
            format: wav.format,
            durationMs: totalSeconds * 1000,
          },
          frameMs,
          framesFed: feed.fedFrames,
          processedMs: processedSeconds * 1000,
          wallMs: wallSeconds * 1000,
          interrupted,
          error: failure === undefined ? undefined : String((failure as Error).message),
          outputs: collector.values,
          metrics,
        };
        if (opts.json !== undefined) {
          await writeGivenFile(opts.json, `${JSON.stringify(results, null, 2)}\n`);
        }
        if (opts.report !== undefined) {
          await writeGivenFile(opts.report, await reportHtml(results, wav, collector.arrivals));
        }
        const speed = wallSeconds > 0 ? processedSeconds / wallSeconds : Number.POSITIVE_INFINITY;
        process.stdout.write(
          `${interrupted ? 'interrupted after' : 'processed'} ${processedSeconds.toFixed(2)} s of audio in ${wallSeconds.toFixed(2)} s (${speed.toFixed(1)}x realtime)\n\n${metricsTable(metrics)}\n`,
        );
        if (opts.output !== undefined && audio !== undefined) {
          const seconds = audio.samples.length / audio.channels / audio.sampleRate;
          process.stdout.write(
            `\nwrote ${opts.output}: ${audio.channels} ch, ${audio.sampleRate} Hz, ${opts.format}, ${seconds.toFixed(2)} s\n`,
          );
        }
        if (opts.json !== undefined) process.stdout.write(`wrote ${opts.json}\n`);
        if (opts.report !== undefined) process.stdout.write(`wrote ${opts.report}\n`);
        if (failure !== undefined) throw failure;
        if (interrupted) process.exitCode = INTERRUPTED;
      } finally {
        await registry.close();
      }
    });
}
