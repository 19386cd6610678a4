// The bridge's HTTP face: GET /healthz (JSON; 503 when unhealthy) and GET /metrics (Prometheus).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BridgeHealth } from './health.js';

export interface HttpSources {
  health(): Promise<BridgeHealth>;
  metricsText(): Promise<string>;
}

export async function startHttp(
  sources: HttpSources,
  port: number,
  host: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const reply = async () => {
      if (req.method === 'GET' && path === '/healthz') {
        const health = await sources.health();
        res.writeHead(health.status === 'unhealthy' ? 503 : 200, {
          'content-type': 'application/json',
        });
        res.end(JSON.stringify(health));
      } else if (req.method === 'GET' && path === '/metrics') {
        const text = await sources.metricsText();
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(text);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found: GET /healthz or /metrics\n');
      }
    };
    reply().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
