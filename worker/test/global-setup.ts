import type { TestProject } from "vitest/node";
import { startTestDatabase } from "../../scripts/db/test-database.ts";
import { type NeonProxy, startNeonProxy } from "../../scripts/lib/neon-proxy.ts";
import { startFaultServer } from "./fault-server.ts";

declare module "vitest" {
  export interface ProvidedContext {
    DATABASE_URL: string;
    /** The driver this run tests: `TEST_DB_DRIVER=neon` selects the Neon serverless driver. */
    DB_DRIVER: "pg" | "neon";
    /** Worker bindings that select the driver (and, for Neon, the local WebSocket proxy). */
    DRIVER_BINDINGS: Record<string, string>;
    /** The outage tests' own database and the control endpoint that breaks it. */
    OUTAGE: { databaseUrl: string; controlUrl: string };
  }
}

/**
 * Starts a real Postgres with a fresh, migrated database for this run, and for the Neon driver a
 * WebSocket-to-TCP proxy in front of it; stops all of it afterwards, also when a step fails.
 */
export default async function setup(project: TestProject) {
  const driver = process.env.TEST_DB_DRIVER === "neon" ? "neon" : "pg";
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(console.error);
  };
  try {
    let proxy: NeonProxy | undefined;
    if (driver === "neon") {
      proxy = await startNeonProxy();
      stops.push(proxy.close);
    }
    const [database, faults] = await Promise.allSettled([
      startTestDatabase(),
      startFaultServer(proxy),
    ]);
    for (const started of [database, faults]) {
      if (started.status === "fulfilled") stops.push(started.value.stop);
    }
    if (database.status === "rejected") throw database.reason;
    if (faults.status === "rejected") throw faults.reason;
    project.provide("DATABASE_URL", database.value.url);
    project.provide("DB_DRIVER", driver);
    project.provide(
      "DRIVER_BINDINGS",
      proxy ? { DB_DRIVER: "neon", NEON_WS_PROXY: proxy.address } : { DB_DRIVER: "pg" },
    );
    project.provide("OUTAGE", {
      databaseUrl: faults.value.databaseUrl,
      controlUrl: faults.value.url,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
