import type { TestProject } from "vitest/node";
import { startTestDatabase } from "../../scripts/db/test-database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    DATABASE_URL: string;
  }
}

/** Starts a real Postgres with a fresh, migrated database for this run; stops it afterwards. */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  project.provide("DATABASE_URL", database.url);
  return () => database.stop();
}
