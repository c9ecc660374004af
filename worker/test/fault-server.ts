// Node side of the outage tests: a Postgres of their own (so restarting it cannot disturb the other
// test files), a TCP proxy in front of it whose connections can be cut, and a small HTTP control
// endpoint on 127.0.0.1 that the tests inside workerd call with fetch.
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Socket, connect as tcpConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { applyMigrations } from "../../scripts/db/migrate.ts";
import { type RunningPostgres, startPostgres } from "../../scripts/db/postgres.ts";
import type { NeonProxy } from "../../scripts/lib/neon-proxy.ts";
import { freePort } from "../../scripts/lib/ports.ts";

const DATABASE = "edge_session_outage";

export type FaultServer = {
  /** The control endpoint's base URL. */
  url: string;
  /** DATABASE_URL for the Worker: the outage Postgres, through the cuttable TCP proxy. */
  databaseUrl: string;
  stop: () => Promise<void>;
};

/** A TCP relay to one local port that can cut every open connection at once. */
async function startTcpProxy(targetPort: number) {
  const open = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = tcpConnect({ host: "127.0.0.1", port: targetPort });
    open.add(client).add(upstream);
    const close = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) socket.on("error", close).on("close", close);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    drop: () => {
      const count = open.size / 2;
      for (const socket of open) socket.destroy();
      open.clear();
      return count;
    },
    close: () => {
      for (const socket of open) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Starts the outage Postgres, its proxy and the control endpoint. With the Neon driver the Worker
 * reaches the proxy through `neonProxy`, and "drop" cuts those WebSockets instead.
 */
export async function startFaultServer(neonProxy?: NeonProxy): Promise<FaultServer> {
  const dataDir = await mkdtemp(join(tmpdir(), "edge-session-outage-pg-"));
  // persistent: the data must survive the restarts the tests ask for; the folder is removed at stop.
  const options = { dataDir, persistent: true, port: await freePort() };
  let postgres: RunningPostgres = await startPostgres(options).catch(async (error) => {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    await postgres.createDatabase(DATABASE);
    await applyMigrations(postgres.url(DATABASE));
  } catch (error) {
    await postgres.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const tcpProxy = await startTcpProxy(postgres.port);
  const databaseUrl = `postgres://postgres:postgres@127.0.0.1:${tcpProxy.port}/${DATABASE}`;
  let locker: pg.Client | undefined;

  const admin = async <T>(run: (client: pg.Client) => Promise<T>) => {
    const client = new pg.Client({ connectionString: postgres.url(DATABASE) });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };

  const unlock = async () => {
    const client = locker;
    locker = undefined;
    await client?.query("ROLLBACK").catch(() => {});
    await client?.end().catch(() => {});
  };

  const actions: Record<string, () => Promise<unknown>> = {
    // Holds an exclusive lock on "user", so a request that reads it waits mid-request.
    lock: async () => {
      await unlock();
      const client = new pg.Client({ connectionString: postgres.url(DATABASE) });
      client.on("error", () => {}); // a restart ends this session too
      await client.connect();
      await client.query('BEGIN; LOCK TABLE "user" IN ACCESS EXCLUSIVE MODE');
      locker = client;
      return {};
    },
    unlock: async () => {
      await unlock();
      return {};
    },
    // Resolves once some backend is waiting for that lock: the Worker's request is mid-query.
    "wait-blocked": async () => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        const { rows } = await admin((client) =>
          client.query(
            "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
            [DATABASE],
          ),
        );
        if (rows.length > 0) return { waiting: rows.length };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("no request is waiting on the lock");
    },
    // Cuts the Worker's connections like a lost network: its WebSockets (Neon) or TCP (pg).
    drop: async () => {
      const dropped = neonProxy
        ? neonProxy.dropTunnels((target) => target.port === tcpProxy.port)
        : tcpProxy.drop();
      return { dropped };
    },
    // A real restart: fast shutdown ends every session with FATAL 57P01, then the server comes back.
    restart: async () => {
      locker = undefined;
      await postgres.stop();
      postgres = await startPostgres(options);
      return {};
    },
  };

  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    const action = actions[new URL(request.url ?? "/", "http://control").pathname.slice(1)];
    const reply = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (request.method !== "POST" || !action) return reply(404, { error: "unknown action" });
    action().then(
      (body) => reply(200, body),
      (error: unknown) => reply(500, { error: String(error) }),
    );
  });
  const controlPort = await freePort();
  await new Promise<void>((resolve) => http.listen(controlPort, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${controlPort}`,
    databaseUrl,
    stop: async () => {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await unlock();
      await tcpProxy.close();
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
