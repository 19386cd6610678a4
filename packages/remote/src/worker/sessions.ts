// A worker's open sessions: one node instance each, calls run one at a time in arrival order,
// and sessions nobody touched for `idleMs` are closed (the caller is gone).
import type { NodeInstance } from '@remotemedia/contract';
import { RemoteMediaError } from '@remotemedia/errors';

interface Session {
  type: string;
  instance: NodeInstance;
  tail: Promise<unknown>;
  lastActive: number;
}

export interface SessionMetrics {
  /** Sessions open now. */
  active: number;
  opened: number;
  closed: number;
  /** Sessions closed because their caller went quiet. */
  expired: number;
  calls: number;
  errors: number;
}

export class SessionTable {
  readonly #sessions = new Map<string, Session>();
  readonly #idleMs: number;
  readonly #reaper: NodeJS.Timeout;
  #next = 0;
  /** Called after every close while `waitUntilEmpty` waits. */
  #changed: (() => void) | undefined;
  readonly counts = { opened: 0, closed: 0, expired: 0, calls: 0, errors: 0 };

  constructor(idleMs: number) {
    this.#idleMs = idleMs;
    this.#reaper = setInterval(() => this.#reap(), Math.max(50, Math.min(idleMs / 4, 5000)));
    this.#reaper.unref();
  }

  get size(): number {
    return this.#sessions.size;
  }

  metrics(): SessionMetrics {
    return { active: this.#sessions.size, ...this.counts };
  }

  open(type: string, instance: NodeInstance): string {
    const id = `${Date.now().toString(36)}${(this.#next++).toString(36)}`;
    this.#sessions.set(id, { type, instance, tail: Promise.resolve(), lastActive: Date.now() });
    this.counts.opened++;
    return id;
  }

  /** Runs `work` after the session's previous call; rejects with ERR_CLOSED for unknown ids. */
  run<T>(id: string, work: (instance: NodeInstance) => T | Promise<T>): Promise<T> {
    const session = this.#sessions.get(id);
    if (session === undefined) {
      return Promise.reject(
        new RemoteMediaError(
          'ERR_CLOSED',
          `session ${id} is not open on this worker (closed, expired after ${this.#idleMs} ms idle, or never opened); open a new one`,
        ),
      );
    }
    session.lastActive = Date.now();
    this.counts.calls++;
    const result = session.tail.then(() => work(session.instance));
    session.tail = result.then(
      () => undefined,
      () => {
        this.counts.errors++;
      },
    );
    return result;
  }

  async close(id: string): Promise<boolean> {
    const session = this.#sessions.get(id);
    if (session === undefined) return false;
    this.#sessions.delete(id);
    this.counts.closed++;
    try {
      await session.tail;
      await session.instance.close?.();
    } finally {
      this.#changed?.();
    }
    return true;
  }

  /** Resolves once no session is open, or after `timeoutMs` (at once when `timeoutMs` <= 0). */
  waitUntilEmpty(timeoutMs: number): Promise<void> {
    if (this.#sessions.size === 0 || timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#changed = undefined;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#changed = () => {
        if (this.#sessions.size === 0) done();
      };
    });
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled([...this.#sessions.keys()].map((id) => this.close(id)));
  }

  stop(): void {
    clearInterval(this.#reaper);
  }

  #reap(): void {
    const cutoff = Date.now() - this.#idleMs;
    for (const [id, session] of this.#sessions) {
      if (session.lastActive < cutoff) {
        this.counts.expired++;
        void this.close(id).catch(() => undefined);
      }
    }
  }
}
