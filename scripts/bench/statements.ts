// Database work counted at Postgres, not estimated: pg_stat_statements counts every statement a
// database executed (BEGIN and COMMIT included), pg_stat_database counts the connections opened.
// The monitor connects to the `postgres` database, so its own queries never count against a Worker's.
import pg from "pg";

export type QueryCount = { query: string; calls: number };

export type DatabaseWork = {
  /** Statements executed, each one client/server round trip (pg sends parse/bind/execute/sync at once). */
  statements: number;
  /** Connections opened (each costs its own round trips: startup and SCRAM authentication). */
  connections: number;
  queries: QueryCount[];
};

/** The flags that make the server count statements. */
export const STATEMENT_FLAGS = [
  "-c",
  "shared_preload_libraries=pg_stat_statements",
  "-c",
  "pg_stat_statements.track=top",
  "-c",
  "pg_stat_statements.track_utility=on",
];

const SETTLE_MS = 15_000;
const QUIET_MS = 500;

export class StatementCounter {
  readonly #client: pg.Client;
  #sessionsAtReset = new Map<string, number>();

  private constructor(client: pg.Client) {
    this.#client = client;
  }

  /** Connects to the server's `postgres` database and enables the extension there. */
  static async connect(adminUrl: string) {
    const client = new pg.Client({ connectionString: adminUrl });
    // A server stopping under us (Ctrl-C reaches Postgres too) fails the next query, not the process.
    client.on("error", () => {});
    await client.connect();
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    return new StatementCounter(client);
  }

  /**
   * Waits until `database` is quiet: no connection open and no statement executed for half a second.
   * Requests the load generator gave up on may still be queued in the Worker and reach the
   * database later; the Worker closes its connections in waitUntil, after the response.
   * Returns the number of connections still open when the wait gave up.
   */
  async settle(database: string): Promise<number> {
    const deadline = Date.now() + SETTLE_MS;
    let last = "";
    let quietSince = Date.now();
    for (;;) {
      const { rows } = await this.#client.query<{ open: number; calls: string }>(
        `SELECT (SELECT count(*)::int FROM pg_stat_activity
                 WHERE datname = $1 AND backend_type = 'client backend') AS open,
                (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
                 WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1)) AS calls`,
        [database],
      );
      const open = rows[0]?.open ?? 0;
      const state = `${open}/${rows[0]?.calls}`;
      if (state !== last) {
        last = state;
        quietSince = Date.now();
      }
      if (open === 0 && Date.now() - quietSince >= QUIET_MS) return 0;
      if (Date.now() > deadline) return open;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Starts counting afresh for every database. */
  async reset(databases: string[]) {
    await this.#client.query("SELECT pg_stat_statements_reset()");
    for (const database of databases) {
      this.#sessionsAtReset.set(database, await this.#sessions(database));
    }
  }

  /** The work done in `database` since the last reset. */
  async read(database: string): Promise<DatabaseWork> {
    const { rows } = await this.#client.query<{ query: string; calls: string }>(
      `SELECT query, calls FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = $1) AND toplevel
       ORDER BY calls DESC, query`,
      [database],
    );
    const queries = rows.map((row) => ({ query: row.query, calls: Number(row.calls) }));
    return {
      statements: queries.reduce((sum, row) => sum + row.calls, 0),
      connections: (await this.#sessions(database)) - (this.#sessionsAtReset.get(database) ?? 0),
      queries,
    };
  }

  /** e.g. "17.6". */
  async serverVersion(): Promise<string> {
    const { rows } = await this.#client.query<{ server_version: string }>("SHOW server_version");
    return rows[0]?.server_version ?? "unknown";
  }

  /** Closes the connection; gives up after 2 s (end() never settles on a connection the server dropped). */
  async close() {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#client.end().catch(() => {}),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 2_000);
      }),
    ]);
    clearTimeout(timer);
  }

  async #sessions(database: string): Promise<number> {
    const { rows } = await this.#client.query<{ sessions: string }>(
      "SELECT sessions FROM pg_stat_database WHERE datname = $1",
      [database],
    );
    return Number(rows[0]?.sessions ?? 0);
  }
}

/**
 * A short name for a statement: its verb and the tables it touches, e.g. "SELECT session, user"
 * (one statement reading both tables is a join). Statements without tables keep their text.
 */
export function summarizeQuery(query: string): string {
  const text = query.replace(/\s+/g, " ").trim();
  const verb = /^\w+/.exec(text)?.[0]?.toUpperCase() ?? text;
  // Prisma names tables "public"."session"; raw SQL writes FROM "session", INTO "session_event"…
  const names = text.matchAll(/"public"\."(\w+)"|\b(?:FROM|INTO|UPDATE|JOIN)\s+"(\w+)"(?!\.)/gi);
  const tables = [...new Set([...names].map((match) => match[1] ?? match[2]))];
  if (tables.length === 0) return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `${verb} ${tables.join(", ")}`;
}
