import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackListener {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Drops open connections (keep-alive, long polls) and resolves once the server is closed. */
  close(): Promise<void>;
}

/** Listens on loopback only (a free port when none is given): nothing local is reachable from outside. */
export async function listenOnLoopback(server: Server, port = 0): Promise<LoopbackListener> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
