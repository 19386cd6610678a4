// Workers never outlive this process: on exit, SIGINT, SIGTERM (and the other fatal signals
// signal-exit knows) every live worker is killed. The worker also exits when its socket closes
// or its parent dies, so this is the first of three guards.
import type { ChildProcess } from 'node:child_process';
import { onExit } from 'signal-exit';

const live = new Set<ChildProcess>();
let installed = false;

export function track(child: ChildProcess): () => void {
  if (!installed) {
    installed = true;
    onExit(() => {
      for (const c of live) c.kill('SIGKILL');
    });
  }
  live.add(child);
  return () => live.delete(child);
}
