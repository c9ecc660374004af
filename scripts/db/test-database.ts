// A fresh, throwaway database for one test run: on TEST_DATABASE_URL's server when set,
// else on an embedded Postgres in a temporary folder. Migrations applied; dropped afterwards.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { applyMigrations } from "./migrate.ts";
import { startPostgres } from "./postgres.ts";

export type TestDatabase = { url: string; stop: () => Promise<void> };

export async function startTestDatabase(): Promise<TestDatabase> {
  const name = `edge_session_test_${process.pid}_${Date.now()}`;
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const admin = new URL(external);
    const url = new URL(external);
    url.pathname = `/${name}`;
    await adminQuery(admin.href, `CREATE DATABASE "${name}"`);
    await applyMigrations(url.href);
    return {
      url: url.href,
      stop: () => adminQuery(admin.href, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), "edge-session-pg-"));
  const server = await startPostgres({ dataDir, persistent: false });
  try {
    await server.createDatabase(name);
    await applyMigrations(server.url(name));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    url: server.url(name),
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
