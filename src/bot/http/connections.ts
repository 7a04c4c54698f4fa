import type { Server } from "node:http";
import type { Socket } from "node:net";

/**
 * The connections the server holds, so that silent clients cannot take them all. Node's own
 * header and request timeouts start at a request's first byte: a socket that connects and sends
 * nothing (or stops halfway) would be kept for good, and `maxConnections` would then refuse
 * everybody else. Here every socket has an idle timeout, and at the cap the oldest socket that is
 * not being answered makes room for the new one.
 */
export interface ConnectionLimits {
  /** A socket that sends nothing for this long, while nothing is being answered on it, is closed. */
  idleMs: number;
  /** Connections held at once; past it, the oldest waiting one is closed for the newcomer. */
  maxConnections: number;
}

export interface Connections {
  /** The socket is being answered: its request arrived whole, the response is not written yet. */
  working(socket: Socket, done: Promise<unknown>): void;
  /** How many sockets are held now. */
  count(): number;
}

export function guardConnections(server: Server, limits: ConnectionLimits): Connections {
  /** Sockets waiting for (more of) a request, oldest first. */
  const waiting = new Set<Socket>();
  const busy = new Set<Socket>();

  // Node arms each new socket with this and, on a timeout nobody listens for, destroys it. The
  // server's own listener below decides instead: a socket being answered is never cut.
  server.timeout = limits.idleMs;
  server.on("timeout", (socket: Socket) => {
    if (!busy.has(socket)) socket.destroy();
  });
  server.on("connection", (socket: Socket) => {
    if (waiting.size + busy.size >= limits.maxConnections) {
      const oldest = waiting.values().next().value;
      if (!oldest) {
        socket.destroy();
        return;
      }
      waiting.delete(oldest);
      oldest.destroy();
    }
    waiting.add(socket);
    socket.once("close", () => {
      waiting.delete(socket);
      busy.delete(socket);
    });
  });

  return {
    working(socket, done) {
      if (socket.destroyed) return;
      waiting.delete(socket);
      busy.add(socket);
      const back = () => {
        if (!busy.delete(socket) || socket.destroyed) return;
        // Waiting again (kept alive for the next request): the newest of the waiting.
        waiting.add(socket);
      };
      done.then(back, back);
    },
    count: () => waiting.size + busy.size,
  };
}
