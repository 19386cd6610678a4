// One Python worker process: spawn, readiness handshake, request/reply with timeouts, crash and
// hang detection, shutdown. It never restarts itself; WorkerSlot does.
import { type ChildProcess, spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import type { Logger, NodeMetadata } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';
import { tail } from './errors.js';
import { track } from './exit-hook.js';
import {
  encodeFrame,
  FrameDecoder,
  FrameEncodeError,
  type Header,
  PROTOCOL_VERSION,
  ProtocolError,
} from './frame.js';
import { Gate } from './gate.js';
import { LineForwarder } from './lines.js';

export interface WorkerOptions {
  python: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string | undefined;
  startTimeoutMs: number;
  shutdownTimeoutMs: number;
  maxInFlight: number;
  logger: Logger;
}

export interface Hello {
  v: number;
  pid: number;
  python: string;
  nodes: Array<NodeMetadata & { type: string }>;
  failures: Array<{ module: string; type: string; message: string }>;
}

export interface Reply {
  header: Header;
  payload: Buffer;
}

/** A call as logs and errors name it: `what` ('PyGain.process') and the node it serves. */
export interface CallLabel {
  what: string;
  /** The pipeline node id, or the node type outside a pipeline. */
  node: string;
}

interface Pending extends CallLabel {
  resolve(reply: Reply): void;
  reject(error: RemoteMediaError): void;
  timer: NodeJS.Timeout | undefined;
}

/** fd of the socket in the worker: stdin, stdout, stderr, then this one. */
const SOCKET_FD = 3;

export class PythonWorker {
  private readonly child: ChildProcess;
  private readonly socket: Socket;
  private readonly decoder = new FrameDecoder();
  private readonly pending = new Map<number, Pending>();
  private readonly gate: Gate;
  private readonly stderr: LineForwarder;
  private readonly closed: Promise<void>;
  private readonly untrack: () => void;
  private readonly deathListeners: Array<() => void> = [];
  private hello: ((frame: Header) => void) | undefined;
  /** The handshake: node types, Python version, import failures. */
  info: Hello = { v: PROTOCOL_VERSION, pid: 0, python: '', nodes: [], failures: [] };
  private nextId = 1;
  private dead = false;
  /** The last call answered: output lines read after its reply most likely came from it. */
  private lastCall: CallLabel | undefined;
  private closing = false;

  private constructor(private readonly options: WorkerOptions) {
    this.gate = new Gate(options.maxInFlight);
    this.child = spawn(
      options.python,
      ['-m', 'remotemedia.worker', '--fd', String(SOCKET_FD), ...options.args],
      {
        stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
        env: { ...options.env, PYTHONUNBUFFERED: '1', REMOTEMEDIA_WORKER_FD: String(SOCKET_FD) },
        cwd: options.cwd,
      },
    );
    this.untrack = track(this.child);
    this.socket = this.child.stdio[SOCKET_FD] as Socket;
    const fields = () => ({ worker: this.child.pid, ...this.current() });
    this.stderr = new LineForwarder(this.child.stderr, (line) =>
      options.logger.warn(`python: ${line}`, fields()),
    );
    new LineForwarder(this.child.stdout, (line) =>
      options.logger.info(`python: ${line}`, fields()),
    );
    this.socket.on('data', (chunk: Buffer) => this.onData(chunk));
    this.socket.on('error', () => {}); // EPIPE/ECONNRESET: the 'close' of the child reports it
    this.closed = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        this.untrack();
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        this.die('ERR_WORKER_CRASHED', `the Python worker (pid ${this.child.pid}) ${how}`);
        resolve();
      });
    });
    this.child.on('error', (error) => {
      this.die(
        'ERR_WORKER_CRASHED',
        `cannot run the Python executable '${options.python}': ${error.message}. Set REMOTEMEDIA_PYTHON or the python/venv option`,
      );
    });
  }

  /** Spawns a worker and waits for its handshake. */
  static async start(options: WorkerOptions): Promise<PythonWorker> {
    const worker = new PythonWorker(options);
    try {
      worker.info = await worker.handshake();
      return worker;
    } catch (error) {
      await worker.kill();
      throw error;
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get alive(): boolean {
    return !this.dead;
  }

  onDeath(listener: () => void): void {
    this.deathListeners.push(listener);
  }

  /** One request; the reply is a 'result' frame (an 'error' frame resolves too: the caller maps it). */
  async request(
    header: Header,
    segments: readonly Uint8Array[],
    call: CallLabel,
    timeoutMs: number,
  ): Promise<Reply> {
    const { what } = call;
    await this.gate.enter();
    try {
      if (this.dead) throw this.failure('ERR_WORKER_CRASHED', what, 'the worker is not running');
      const id = this.nextId++;
      // Encoded before the call is registered: a value that cannot be sent leaves nothing waiting.
      const frame = encodeRequest({ ...header, id }, segments, what);
      const reply = new Promise<Reply>((resolve, reject) => {
        const timer = setTimeout(() => this.onTimeout(id, timeoutMs), timeoutMs);
        this.pending.set(id, { ...call, resolve, reject, timer });
      });
      this.send(frame);
      return await reply;
    } finally {
      this.gate.leave();
    }
  }

  /** Asks the worker to clean up and exit; kills it when it does not within the shutdown timeout. */
  async close(): Promise<void> {
    if (!this.dead && !this.closing) {
      this.closing = true;
      this.write({ t: 'shutdown', id: 0 }, []);
      const timer = setTimeout(() => this.child.kill('SIGKILL'), this.options.shutdownTimeoutMs);
      await this.closed;
      clearTimeout(timer);
    }
    await this.kill();
  }

  /** SIGKILL now and wait until the process is reaped. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.closed;
  }

  private handshake(): Promise<Hello> {
    return new Promise<Hello>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.die('ERR_TIMEOUT', `no handshake within ${this.options.startTimeoutMs} ms`);
      }, this.options.startTimeoutMs);
      this.pending.set(0, {
        what: 'worker start',
        node: 'worker',
        timer,
        resolve: ({ header }) => {
          if (header.v !== PROTOCOL_VERSION) {
            reject(
              new RemoteMediaError(
                'ERR_INTERNAL',
                `the Python worker speaks protocol v${String(header.v)}, this package v${PROTOCOL_VERSION}: install matching versions of the remotemedia pip package and @remotemedia/python`,
              ),
            );
          } else resolve(header as unknown as Hello);
        },
        reject,
      });
      this.hello = (header) => {
        this.hello = undefined;
        this.settle(0, { header, payload: Buffer.alloc(0) });
      };
    });
  }

  private onData(chunk: Buffer): void {
    let frames: ReturnType<FrameDecoder['push']>;
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.die(
        'ERR_TRANSPORT',
        `malformed frame from the Python worker (${error.message}); the worker was stopped`,
      );
      return;
    }
    for (const frame of frames) {
      const { header } = frame;
      if (header.t === 'hello' && this.hello) this.hello(header);
      else if (header.t === 'fatal')
        this.die(
          'ERR_TRANSPORT',
          `the Python worker reported a broken stream: ${String(header.message)}`,
        );
      else if (typeof header.id === 'number' && this.pending.has(header.id))
        this.settle(header.id, frame);
      else if (header.t !== 'ok')
        this.die(
          'ERR_TRANSPORT',
          `unexpected frame from the Python worker: ${JSON.stringify(header).slice(0, 200)}`,
        );
    }
  }

  private settle(id: number, reply: Reply): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    this.lastCall = call;
    clearTimeout(call.timer);
    call.resolve(reply);
  }

  private onTimeout(id: number, timeoutMs: number): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    call.reject(
      new RemoteMediaError(
        'ERR_TIMEOUT',
        `${call.what} did not answer within ${timeoutMs} ms; the worker was restarted (its node state is lost)`,
        { retryable: true },
      ),
    );
    this.die(
      'ERR_WORKER_CRASHED',
      `the worker was stopped because ${call.what} hung for ${timeoutMs} ms`,
    );
  }

  /** Fails every pending call with `code`, stops the process. Idempotent. */
  private die(code: 'ERR_WORKER_CRASHED' | 'ERR_TRANSPORT' | 'ERR_TIMEOUT', reason: string): void {
    if (!this.dead) {
      this.dead = true;
      if (this.child.exitCode === null && this.child.signalCode === null)
        this.child.kill('SIGKILL');
      for (const listener of this.deathListeners) listener();
    }
    // Calls still waiting get the reason once the process is gone (so stderr is complete).
    const finalCode = this.closing ? 'ERR_CLOSED' : code;
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      clearTimeout(call.timer);
      call.reject(this.failure(finalCode, call.what, reason));
    }
  }

  private failure(
    code: 'ERR_WORKER_CRASHED' | 'ERR_TRANSPORT' | 'ERR_TIMEOUT' | 'ERR_CLOSED',
    what: string,
    reason: string,
  ): RemoteMediaError {
    const advice =
      code === 'ERR_CLOSED'
        ? 'the Python runtime was closed'
        : `${reason}${tail(this.stderr.recent())}`;
    return new RemoteMediaError(code, `${what} failed: ${advice}`, {
      retryable: code !== 'ERR_CLOSED',
    });
  }

  /**
   * The call in flight (the oldest), else the last one answered, for tagging the worker's output
   * lines: stderr and the reply travel on different pipes, so a line can arrive after its reply.
   */
  private current(): { node?: string; call?: string } {
    for (const { node, what } of this.pending.values()) return { node, call: what };
    return this.lastCall === undefined
      ? {}
      : { node: this.lastCall.node, call: this.lastCall.what };
  }

  private write(header: Header, segments: readonly Uint8Array[]): void {
    this.send(encodeFrame(header, segments));
  }

  private send(frame: readonly Uint8Array[]): void {
    if (this.socket.destroyed) return;
    this.socket.cork();
    for (const buffer of frame) this.socket.write(buffer);
    this.socket.uncork();
  }
}

/** The buffers of a request; a value that cannot be sent is the caller's ERR_INVALID_INPUT. */
function encodeRequest(header: Header, segments: readonly Uint8Array[], what: string) {
  try {
    return encodeFrame(header, segments);
  } catch (error) {
    if (!(error instanceof FrameEncodeError)) throw error;
    throw new RemoteMediaError(
      'ERR_INVALID_INPUT',
      `${what} cannot send its input: ${error.message}`,
      {
        cause: error,
      },
    );
  }
}
