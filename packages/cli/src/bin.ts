// Entry of the `remotemedia` binary (bin/remotemedia.js imports this).
import { main } from './main.js';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
