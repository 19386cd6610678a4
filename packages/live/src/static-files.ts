// The live page's files (built by web/build.mjs into dist/web): a fixed list, read once, so no
// request path ever reaches the file system.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RemoteMediaError } from '@remotemedia/errors';

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/worklet.js': { file: 'worklet.js', type: 'text/javascript; charset=utf-8' },
};

/** Found from src/ (tests) and from dist/ (the published bundle) alike. */
const WEB_DIR = new URL('../dist/web/', import.meta.url);

export type StaticHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** @throws RemoteMediaError ERR_IO when the page was not built (`npm run build -w @remotemedia/live`) */
export function livePage(): StaticHandler {
  const bodies = new Map<string, { body: Buffer; type: string }>();
  for (const [path, { file, type }] of Object.entries(FILES)) {
    try {
      bodies.set(path, { body: readFileSync(new URL(file, WEB_DIR)), type });
    } catch (error) {
      throw new RemoteMediaError(
        'ERR_IO',
        `the live page is not built (${file} missing); run 'npm run build -w @remotemedia/live'`,
        { cause: error },
      );
    }
  }
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const found = bodies.get(path === '/index.html' ? '/' : path);
    if (found === undefined || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    res.writeHead(200, {
      'content-type': found.type,
      'content-length': found.body.byteLength,
      'cache-control': 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : found.body);
    return true;
  };
}
