// A local stand-in for Neon's WebSocket proxy: the Neon serverless driver opens
// `ws://127.0.0.1:PORT/v1?address=host:port` and sends raw Postgres protocol bytes over it; this
// relays them to a Postgres on this machine. It lets tests and the dev stack run the production
// driver against a local Postgres. Never used in production, where Neon runs its own proxy.
import { createServer, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import { isIP, type Socket, connect as tcpConnect } from "node:net";
import type { WebSocket, WebSocketServer as WebSocketServerType } from "ws";

// Loaded with require: under the Workers vitest plugin this file is resolved with the "browser"
// condition, which maps `ws` to a stub that throws; the proxy always runs in Node.
const { WebSocketServer } = createRequire(import.meta.url)("ws") as {
  WebSocketServer: typeof WebSocketServerType;
};

/** Where one tunnel goes: a Postgres host and port. */
export type ProxyTarget = { host: string; port: number };

export type NeonProxy = {
  /** `127.0.0.1:PORT`, the value for NEON_WS_PROXY. */
  address: string;
  port: number;
  /** Tunnels open right now, and opened since the start. */
  openTunnels: () => number;
  tunnelsOpened: () => number;
  /**
   * Cuts open tunnels (all, or those matching) without a close handshake, the way a lost network
   * or a restarted proxy drops them. Returns how many were cut.
   */
  dropTunnels: (match?: (target: ProxyTarget) => boolean) => number;
  close: () => Promise<void>;
};

type Tunnel = { target: ProxyTarget; ws: WebSocket; tcp: Socket };

/**
 * Reads and checks `address=host:port`. Only loopback targets are allowed: the proxy must never
 * become an open relay from a WebSocket on this machine to any host on the network.
 */
export function parseTarget(url: string | undefined): ProxyTarget | undefined {
  const address = new URL(url ?? "/", "http://proxy").searchParams.get("address");
  const match = address ? /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(address) : null;
  if (!match?.[1] || !match[2]) return undefined;
  const host = match[1].replace(/^\[|\]$/g, "").toLowerCase();
  const port = Number(match[2]);
  if (port < 1 || port > 65_535) return undefined;
  // "localhost" is pinned to 127.0.0.1 rather than resolved, so DNS cannot send it elsewhere.
  if (host === "localhost") return { host: "127.0.0.1", port };
  if (isIP(host) === 4 && host.startsWith("127.")) return { host, port };
  if (host === "::1") return { host, port };
  return undefined;
}

/** Starts the proxy on 127.0.0.1 (a free port unless one is given). */
export async function startNeonProxy(options: { port?: number } = {}): Promise<NeonProxy> {
  const tunnels = new Set<Tunnel>();
  let opened = 0;
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((_request, response) => {
    response.writeHead(426, { "content-type": "text/plain" }).end("WebSocket upgrade required\n");
  });

  server.on("upgrade", (request: IncomingMessage, socket, head) => {
    const target = parseTarget(request.url);
    if (!target) {
      socket.end("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\nloopback targets only\n");
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => relay(ws, target));
  });

  function relay(ws: WebSocket, target: ProxyTarget) {
    const tcp = tcpConnect({ host: target.host, port: target.port });
    const tunnel: Tunnel = { target, ws, tcp };
    tunnels.add(tunnel);
    opened++;
    tcp.setNoDelay(true);
    // The driver sends its startup message as soon as the WebSocket is open: queue until connected.
    const pending: Buffer[] = [];
    let state: "connecting" | "open" | "failed" = "connecting";
    const finish = () => {
      if (!tunnels.delete(tunnel)) return;
      tcp.destroy();
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close();
    };
    tcp.on("connect", () => {
      state = "open";
      for (const chunk of pending.splice(0)) tcp.write(chunk);
    });
    ws.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
      const chunk = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      if (state === "open") tcp.write(chunk);
      else if (state === "connecting") pending.push(chunk);
      else finish();
    });
    tcp.on("data", (chunk) => {
      if (ws.readyState === ws.OPEN) ws.send(chunk);
    });
    tcp.on("error", () => {
      // Like Neon's proxy when the database is unreachable: the WebSocket opens, then closes once
      // the client has spoken. Closing before that makes the driver write to a closed socket.
      if (state === "connecting" && pending.length === 0) {
        state = "failed";
        setTimeout(finish, 1_000).unref();
      } else finish();
    });
    tcp.on("close", () => {
      if (state !== "failed") finish();
    });
    ws.on("error", finish);
    ws.on("close", finish);
  }

  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("neon proxy: no address");

  return {
    address: `127.0.0.1:${address.port}`,
    port: address.port,
    openTunnels: () => tunnels.size,
    tunnelsOpened: () => opened,
    dropTunnels: (match = () => true) => {
      let dropped = 0;
      for (const tunnel of [...tunnels]) {
        if (!match(tunnel.target)) continue;
        tunnels.delete(tunnel);
        // terminate(): no close frame, the socket just dies, as on a lost connection.
        tunnel.ws.terminate();
        tunnel.tcp.destroy();
        dropped++;
      }
      return dropped;
    },
    close: async () => {
      for (const tunnel of tunnels) {
        tunnel.ws.terminate();
        tunnel.tcp.destroy();
      }
      tunnels.clear();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
