// Offline drift check: fails when prisma/schema.prisma and the committed migrations disagree.
// It is `prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma
// --exit-code`, run through Prisma's schema engine compiled to wasm (@prisma/schema-engine-wasm,
// pinned to the build of our prisma version) because the native engine binary cannot be downloaded
// here. The engine talks to Postgres through @prisma/adapter-pg.
//
//   DATABASE_URL=postgres://… node scripts/db/drift.ts
//
// The database in DATABASE_URL is only used to create and drop a temporary shadow database on the
// same server, into which the engine replays the migrations; nothing else on the server is touched.
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  DriverAdapterError,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface DriftOptions {
  schemaPath?: string;
  migrationsDir?: string;
}

/** Returns "" when the migrations produce exactly the schema, otherwise the SQL that is missing. */
export async function checkDrift(databaseUrl: string, options: DriftOptions = {}): Promise<string> {
  const schemaPath = path.resolve(
    options.schemaPath ?? path.join(repoRoot, "prisma/schema.prisma"),
  );
  const migrationsDir = path.resolve(
    options.migrationsDir ?? path.join(repoRoot, "prisma/migrations"),
  );
  const [schema, migrationsList, engineClass] = await Promise.all([
    readFile(schemaPath, "utf8"),
    readMigrations(migrationsDir),
    loadSchemaEngine(),
  ]);

  const shadowName = `drift_shadow_${randomUUID().replaceAll("-", "")}`;
  const maintenance = new pg.Client({ connectionString: databaseUrl });
  await maintenance.connect();
  let shadowPool: pg.Pool | undefined;
  let engine: SchemaEngine | undefined;
  try {
    await maintenance.query(`CREATE DATABASE "${shadowName}"`);
    shadowPool = new pg.Pool({ connectionString: withDatabase(databaseUrl, shadowName) });
    shadowPool.on("connect", reportCharAsText);
    engine = await engineClass.new(
      { datamodels: undefined },
      logEngineMessage,
      shadowOnlyAdapter(shadowPool),
    );
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    // exitCode is 2 when the diff is non-empty; an empty diff still prints a "-- This is an empty
    // migration." comment, which must not count as drift.
    return result.exitCode === 0 ? "" : (result.stdout ?? "").trim();
  } finally {
    engine?.free();
    await shadowPool?.end();
    // FORCE: a failed run may leave sessions behind, and the shadow database must not outlive us.
    await maintenance.query(`DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`);
    await maintenance.end();
  }
}

/** The engine's view of a migrations directory, built the way the Prisma CLI builds it. */
async function readMigrations(baseDir: string): Promise<MigrationList> {
  const lockfilePath = "migration_lock.toml";
  const lockfile = await readFile(path.join(baseDir, lockfilePath), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        // A missing file is the engine's error to report, with the directory name.
        content: await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: lockfilePath, content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

// TypeScript's ES libs leave WebAssembly to "DOM"; this is the part used here.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, object>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let engineClassPromise: Promise<typeof SchemaEngine> | undefined;

/** Instantiates the engine's wasm once per process: Node cannot `import` a .wasm file itself. */
function loadSchemaEngine(): Promise<typeof SchemaEngine> {
  engineClassPromise ??= (async () => {
    // The wasm glue writes the message of a Rust panic here before the call throws.
    const panics = {
      message: "",
      get(): string {
        return panics.message;
      },
      set_message(message: string): void {
        panics.message = `RuntimeError: ${message}`;
      },
    };
    const host = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown };
    host.PRISMA_WASM_PANIC_REGISTRY ??= panics;
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClassPromise;
}

/**
 * The driver adapter handed to the engine. Both its main and its shadow connection go to our own
 * shadow database: a diff from migrations needs no other database, and PrismaPg's own shadow
 * handling drops its database before closing the pool that still uses it.
 */
function shadowOnlyAdapter(pool: pg.Pool) {
  const factory = new PrismaPg(pool);
  const connect = async () => {
    const adapter = await factory.connect();
    // adapter-pg runs a script by splitting it on every ";", which breaks statements that contain
    // one (function bodies, string literals). Postgres takes the whole script as one simple query,
    // in one implicit transaction, as Prisma's native engine sends it.
    adapter.executeScript = async (script) => {
      await pool.query(script).catch((error: pg.DatabaseError) => {
        // Unconverted, the engine would only report "External error id#0".
        throw new DriverAdapterError({
          kind: "postgres",
          code: error.code ?? "N/A",
          severity: error.severity ?? "N/A",
          message: error.message,
          detail: error.detail,
          column: error.column,
          hint: error.hint,
        });
      });
    };
    return adapter;
  };
  // The engine expects every adapter call to return an `{ ok, value | error }` result, as bound here.
  return bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect,
    connectToShadowDb: connect,
  });
}

const CHAR_OID = 18;
const TEXT_OID = 25;

/**
 * The engine's catalog queries return Postgres `"char"` columns (pg_class.relkind and the like),
 * which adapter-pg rejects as an unsupported type. They are single characters, so relabel them as
 * text on every client of the shadow pool, for both promise and callback calls (pg-pool uses the latter).
 */
function reportCharAsText(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const relabel = (result: unknown): unknown => {
    for (const one of Array.isArray(result) ? result : [result]) {
      for (const field of (one as pg.QueryResult | undefined)?.fields ?? []) {
        if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
      }
    }
    return result;
  };
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        callback(error, error ? result : relabel(result));
      return query(...args);
    }
    const pending = query(...args);
    return pending instanceof Promise ? pending.then(relabel) : pending;
  };
}

function logEngineMessage(message: string): void {
  if (process.env.DEBUG_DRIFT) console.error(message);
}

function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

// Run directly. process.exitCode rather than process.exit(), so the output is flushed first.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error(
      "DATABASE_URL is not set: the check needs a Postgres server for its shadow database.",
    );
    process.exitCode = 1;
  } else {
    const drift = await checkDrift(databaseUrl);
    if (drift) {
      console.log(`schema.prisma and prisma/migrations disagree; the migrations lack:\n\n${drift}`);
      process.exitCode = 1;
    } else {
      console.log("schema and migrations agree");
    }
  }
}
