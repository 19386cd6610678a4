// A WebSocket client written by hand on a TCP socket, to send what a library never would: half a
// frame, then a lost connection.
import { once } from 'node:events';
import { type Socket, connect as tcp } from 'node:net';

/** A client frame (clients must mask; a zero mask leaves the payload as it is). */
export function clientFrame(
  opcode: number,
  payload: Buffer,
  declaredLength = payload.length,
): Buffer {
  const head =
    declaredLength < 126
      ? Buffer.from([0x80 | opcode, 0x80 | declaredLength])
      : Buffer.from([0x80 | opcode, 0x80 | 126, declaredLength >> 8, declaredLength & 0xff]);
  return Buffer.concat([head, Buffer.alloc(4), payload]);
}

export async function rawUpgrade(port: number, path = '/ws'): Promise<Socket> {
  const socket = tcp(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  let head = '';
  while (!head.includes('\r\n\r\n')) head += String((await once(socket, 'data'))[0]);
  if (!head.startsWith('HTTP/1.1 101')) throw new Error(`upgrade refused: ${head}`);
  return socket;
}
