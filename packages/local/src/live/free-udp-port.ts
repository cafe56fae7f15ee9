import { createSocket } from "node:dgram";

/** A UDP port on the loopback interface that nothing is bound to right now (SRT runs over UDP). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

export class UdpPortInUseError extends Error {
  override readonly name = "UdpPortInUseError";
  readonly code = "EADDRINUSE";
}

/** Resolves if `port` can be bound on loopback right now; ffmpeg would otherwise fail on every restart. */
export function assertUdpPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    socket.once("error", () => {
      socket.close();
      reject(new UdpPortInUseError(`UDP port ${port} on 127.0.0.1 is in use`));
    });
    socket.bind(port, "127.0.0.1", () => socket.close(() => resolve()));
  });
}
