// Local TCP ports: is something listening, and which port is free.
import { connect, createServer } from 'node:net';

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.end(() => resolveOpen(true)));
    socket.once('error', () => resolveOpen(false));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Waits until nothing listens on the port any more (a server's last processes can keep
 * the socket for a moment after its pid file is gone). */
export async function waitForPortClosed(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await portOpen(port)) {
    if (Date.now() > deadline) throw new Error(`Port ${port} is still in use after ${timeoutMs / 1000}s.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
