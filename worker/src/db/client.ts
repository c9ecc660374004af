// The one database seam: the only module that knows which driver adapter talks to Postgres.
import type { NeonConfigGlobalAndClient, Pool } from "@neondatabase/serverless";
import { PrismaNeon } from "@prisma/adapter-neon";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Config } from "../env";
import { PrismaClient } from "../generated/prisma/client";
import { localProxySettings } from "./local-proxy";

/** A Prisma client bound to one request, and how to let it go. */
export type Database = {
  prisma: PrismaClient;
  dispose: () => Promise<void>;
};

/** What the seam needs from the Worker's configuration. */
export type DatabaseConfig = Pick<
  Config,
  "DATABASE_URL" | "dbDriver" | "NEON_WS_PROXY" | "HYPERDRIVE"
>;

// A dead database must fail the request quickly (503), not hang it.
const CONNECT_TIMEOUT_MS = 5_000;

const poolOptions = {
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  // One request needs one connection; a Worker cannot share it with the next request.
  max: 1,
};

/** Builds a Prisma client for one request over the driver the config selects. */
export function createDatabase(config: DatabaseConfig): Database {
  const prisma = new PrismaClient({ adapter: createAdapter(config) });
  return { prisma, dispose: () => prisma.$disconnect() };
}

function createAdapter(config: DatabaseConfig) {
  if (config.dbDriver === "neon") {
    return new PrismaNeonPerRequest(
      { connectionString: config.DATABASE_URL, ...poolOptions },
      {
        webSocketConstructor: QuietWebSocket,
        ...localProxySettings(config.NEON_WS_PROXY, config.DATABASE_URL),
      },
    );
  }
  // Hyperdrive, when bound, pools connections near the database; pg speaks to it over TCP.
  const connectionString = config.HYPERDRIVE?.connectionString ?? config.DATABASE_URL;
  return new PrismaPg({ connectionString, ...poolOptions });
}

/**
 * The Neon adapter with settings put on each connection of this request's pool. The driver's
 * `neonConfig` is global to the isolate; its per-client override (`client.neonConfig`) keeps one
 * request's settings (e.g. a local proxy in tests) from reaching another request.
 */
class PrismaNeonPerRequest extends PrismaNeon {
  readonly #settings: Partial<NeonConfigGlobalAndClient>;

  constructor(
    poolConfig: ConstructorParameters<typeof PrismaNeon>[0],
    settings: Partial<NeonConfigGlobalAndClient>,
  ) {
    super(poolConfig);
    this.#settings = settings;
  }

  override async connect() {
    const adapter = await super.connect();
    const pool: Pool = adapter.underlyingDriver();
    const settings = this.#settings;
    pool.Client = class extends pool.Client {
      constructor(...args: ConstructorParameters<Pool["Client"]>) {
        super(...args);
        Object.assign(this.neonConfig, settings);
      }
    };
    return adapter;
  }
}

/**
 * The runtime's WebSocket, except that a write after the connection was lost is dropped. The
 * driver flushes writes from a timer, so a send on a closed socket (e.g. the goodbye message after
 * Neon dropped the connection) would be an uncaught exception; the loss itself is already reported
 * to the query through the close event.
 */
class QuietWebSocket extends WebSocket {
  override send(data: Parameters<WebSocket["send"]>[0]) {
    if (this.readyState === WebSocket.OPEN) super.send(data);
  }
}
