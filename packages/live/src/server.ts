// The live server: one HTTP server whose WebSocket upgrades on /ws (the live protocol) and
// /twilio (Twilio Media Streams) each run a served pipeline, plus the live page with `web`.
import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type AnyNodeRegistry,
  type Manifest,
  RemoteMediaError,
  validateManifest,
} from '@remotemedia/core';
import { rejectUnknownKeys } from '@remotemedia/errors';
import { type WebSocket, WebSocketServer } from 'ws';
import { closeReason, LIVE_ERRORS, type LiveErrorCode, type Refusal } from './codes.js';
import type { Connection, SessionEnd } from './connection.js';
import { type LiveLimits, resolveLimits } from './limits.js';
import { LiveSession } from './live-session.js';
import type { OutputListener, Served } from './served.js';
import { livePage } from './static-files.js';
import { TwilioSession } from './twilio-session.js';

export interface LiveServerOptions {
  registry: AnyNodeRegistry;
  /** The pipelines a client may name in `start` (or a Twilio stream in its path), by name. */
  pipelines: Record<string, Manifest>;
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** When set, clients must send `Authorization: Bearer <token>` (or `?token=`). */
  token?: string;
  /** Serve the live page at `/`. @default false */
  web?: boolean;
  limits?: Partial<LiveLimits>;
  /** Called when a session ends, with its close code and reason. */
  onSessionEnd?: (end: SessionEnd) => void;
  /** Called with every JSON output of every session (how a server app acts on a call's events). */
  onOutput?: OutputListener;
}

export interface LiveServer {
  readonly port: number;
  /** `http://host:port` */
  readonly url: string;
  /** Sessions open now. */
  readonly sessions: number;
  /** Sessions opened since the start. */
  readonly opened: number;
  /** Refusals since the start, by code (connections closed over an error). */
  readonly refused: Readonly<Partial<Record<LiveErrorCode, number>>>;
  /**
   * Stops taking sessions, lets open ones go on for `limits.drainMs`, then flushes the rest (their
   * last outputs and `end` arrive) and closes them with 1001. Resolves when all are closed.
   */
  close(): Promise<void>;
}

const OPTION_KEYS = [
  'registry',
  'pipelines',
  'port',
  'host',
  'token',
  'web',
  'limits',
  'onSessionEnd',
  'onOutput',
];

function checkPipelines(registry: AnyNodeRegistry, pipelines: Record<string, Manifest>): void {
  const problems: string[] = [];
  for (const [name, manifest] of Object.entries(pipelines)) {
    const check = validateManifest(manifest, registry);
    if (!check.ok) for (const e of check.errors) problems.push(`${name}: ${e.path}: ${e.message}`);
  }
  if (problems.length > 0) {
    throw new RemoteMediaError(
      'ERR_MANIFEST',
      `served pipelines are not valid:\n  ${problems.join('\n  ')}`,
    );
  }
}

function tokenMatches(expected: string, req: IncomingMessage, url: URL): boolean {
  const header = req.headers.authorization;
  const given = header?.startsWith('Bearer ') ? header.slice(7) : url.searchParams.get('token');
  if (given === null || given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Starts a live server. @throws RemoteMediaError ERR_INVALID_PARAM, ERR_MANIFEST, ERR_IO */
export async function createLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  rejectUnknownKeys(options, OPTION_KEYS, 'option', 'createLiveServer');
  const limits = resolveLimits(options.limits);
  checkPipelines(options.registry, options.pipelines);
  const served: Served = {
    registry: options.registry,
    pipelines: new Map(Object.entries(options.pipelines)),
    onOutput: options.onOutput,
  };
  const page = options.web === true ? livePage() : undefined;
  const open = new Set<Connection>();
  let opened = 0;
  const refused: Partial<Record<LiveErrorCode, number>> = {};
  const count = (code: LiveErrorCode) => {
    refused[code] = (refused[code] ?? 0) + 1;
  };
  let closing = false;

  const http = createServer((req, res) => {
    if (page?.(req, res) === true) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(
      page === undefined
        ? 'this server speaks WebSocket on /ws and /twilio (start it with --web for the live page)\n'
        : 'not found\n',
    );
  });
  // Frames a little over the limit still get the protocol's error; far over it, ws closes (1009).
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes * 4 });

  const refuseSocket = (ws: WebSocket, refusal: Refusal, twilio: boolean) => {
    count(refusal.code);
    if (!twilio)
      ws.send(JSON.stringify({ type: 'error', code: refusal.code, message: refusal.reason }));
    ws.close(LIVE_ERRORS[refusal.code], closeReason(refusal.reason));
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const path = url.pathname;
      const twilio = path === '/twilio' || path.startsWith('/twilio/');
      if (path !== '/ws' && !twilio) {
        return refuseSocket(
          ws,
          { code: 'ERR_PROTOCOL', reason: `no endpoint ${path.slice(0, 40)}; use /ws or /twilio` },
          false,
        );
      }
      if (closing) {
        return refuseSocket(
          ws,
          { code: 'ERR_SHUTTING_DOWN', reason: 'server shutting down' },
          twilio,
        );
      }
      if (open.size >= limits.maxConnections) {
        return refuseSocket(
          ws,
          {
            code: 'ERR_SERVER_FULL',
            reason: `server full (${limits.maxConnections} sessions); try again later`,
          },
          twilio,
        );
      }
      const authorized = options.token === undefined || tokenMatches(options.token, req, url);
      // Twilio cannot send headers: its token may come in the start's customParameters.
      if (!authorized && !twilio) {
        return refuseSocket(
          ws,
          { code: 'ERR_UNAUTHORIZED', reason: 'missing or wrong bearer token' },
          false,
        );
      }
      const connection = twilio
        ? new TwilioSession(ws, limits, served, {
            pipeline: decodeURIComponent(path.slice('/twilio/'.length)) || undefined,
            token: authorized ? undefined : options.token,
          })
        : new LiveSession(ws, limits, served);
      connection.onRefuse = count;
      open.add(connection);
      opened++;
      void connection.ended.then((end) => {
        open.delete(connection);
        options.onSessionEnd?.(end);
      });
    });
  };
  http.on('upgrade', onUpgrade);
  http.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(http, 'listening');
  const address = http.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const host = options.host ?? '127.0.0.1';
  let closed: Promise<void> | undefined;

  const allEnded = () => Promise.all([...open].map((c) => c.ended)).then(() => {});
  const drain = async () => {
    closing = true;
    if (open.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limits.drainMs);
      });
      await Promise.race([allEnded(), late]);
      clearTimeout(timer);
      for (const connection of open) connection.shutdown();
      await allEnded();
    }
    wss.close();
    http.close();
    http.closeAllConnections();
    await once(http, 'close');
  };

  return {
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    get sessions() {
      return open.size;
    },
    get opened() {
      return opened;
    },
    refused,
    close() {
      closed ??= drain();
      return closed;
    },
  };
}
