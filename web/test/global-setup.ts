import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startTestDatabase } from "../../scripts/db/test-database.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import { startStack } from "../../scripts/lib/stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    API_URL: string;
    WEB_URL: string;
  }
}

/** Starts a fresh database and the whole stack on free ports; stops all of it afterwards. */
export default async function setup(project: TestProject) {
  const database = await startTestDatabase();
  const secretsDir = mkdtempSync(join(tmpdir(), "edge-session-browser-"));
  const secretsFile = join(secretsDir, "test.vars");
  writeFileSync(secretsFile, `BETTER_AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`);
  const stop = async () => {
    await stack?.stop();
    await database.stop();
    rmSync(secretsDir, { recursive: true, force: true });
  };
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  try {
    stack = await startStack({
      apiPort: await freePort(),
      webPort: await freePort(),
      databaseUrl: database.url,
      secretsFile,
      output: process.env.STACK_LOGS ? "prefix" : "ignore",
    });
  } catch (error) {
    await stop();
    throw error;
  }
  project.provide("API_URL", stack.apiUrl);
  project.provide("WEB_URL", stack.webUrl);
  return stop;
}
