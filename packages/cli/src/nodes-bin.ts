// Entry of `remotemedia-nodes`: the same as `remotemedia nodes ...`.
import { main } from './main.js';

void main(['nodes', ...process.argv.slice(2)]).then((code) => {
  process.exitCode = code;
});
