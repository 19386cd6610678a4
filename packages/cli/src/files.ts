// Reading and writing the files a command was given, with errors as ERR_IO naming the path.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { RemoteMediaError } from '@remotemedia/errors';

/** `what` names the file in the message, e.g. 'input'. */
export async function readGivenFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new RemoteMediaError(
      'ERR_IO',
      `cannot read ${what} '${file}': ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

/** Writes `data` to `file`, creating its folder. */
export async function writeGivenFile(file: string, data: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(resolve(file)), { recursive: true });
    await writeFile(file, data);
  } catch (error) {
    throw new RemoteMediaError('ERR_IO', `cannot write '${file}': ${(error as Error).message}`, {
      cause: error,
    });
  }
}
