"""The floor: echoes length-prefixed frames on the inherited socket (fd 3), no parsing at all."""

import socket
import struct

sock = socket.socket(fileno=3)
while True:
    prefix = sock.recv(4, socket.MSG_WAITALL)
    if len(prefix) < 4:
        break
    (size,) = struct.unpack(">I", prefix)
    body = sock.recv(size, socket.MSG_WAITALL) if size else b""
    sock.sendall(prefix + body)
