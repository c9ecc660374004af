// The developer's own embedded database: kept in a git-ignored folder between runs.
import { fileURLToPath } from "node:url";
import { type RunningPostgres, startPostgres } from "./postgres.ts";

/** Where the dev database lives: .data/postgres, or DEV_DATA_DIR (tests use a temporary one). */
export const DEV_DATA_DIR =
  process.env.DEV_DATA_DIR ?? fileURLToPath(new URL("../../.data/postgres", import.meta.url));
export const DEV_DATABASE = "edge_session";

/** Starts the persistent dev Postgres and makes sure its database exists. */
export async function startDevPostgres(
  port?: number,
): Promise<RunningPostgres & { databaseUrl: string }> {
  const server = await startPostgres({ dataDir: DEV_DATA_DIR, persistent: true, port });
  await server.createDatabase(DEV_DATABASE);
  return { ...server, databaseUrl: server.url(DEV_DATABASE) };
}
