// A whole stack for browser tests: a fresh database, a fresh secret, free ports. `stop` ends all of
// it (also when starting fails half-way) and removes what it wrote.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestDatabase, type TestDatabase } from "../../scripts/db/test-database.ts";
import { freePort } from "../../scripts/lib/ports.ts";
import { type Stack, type StackOptions, startStack } from "../../scripts/lib/stack.ts";

export type TestStack = Stack & {
  /** Stops only the database: the API then answers 503 (the "server down" state). */
  stopDatabase: () => Promise<void>;
};

type TestStackOptions = Pick<StackOptions, "subdomains" | "vars" | "webEnv">;

export async function startTestStack(options: TestStackOptions): Promise<TestStack> {
  const database: TestDatabase = await startTestDatabase();
  let databaseStopped: Promise<void> | undefined;
  const stopDatabase = () => {
    databaseStopped ??= database.stop();
    return databaseStopped;
  };
  const secretsDir = mkdtempSync(join(tmpdir(), "edge-session-browser-"));
  const secretsFile = join(secretsDir, "test.vars");
  writeFileSync(secretsFile, `BETTER_AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`, {
    mode: 0o600,
  });
  let stack: Stack | undefined;
  const cleanUp = async () => {
    await stack?.stop();
    await stopDatabase();
    rmSync(secretsDir, { recursive: true, force: true });
  };
  try {
    stack = await startStack({
      ...options,
      apiPort: await freePort(),
      webPort: await freePort(),
      adminPort: await freePort(),
      databaseUrl: database.url,
      secretsFile,
      output: process.env.STACK_LOGS ? "prefix" : "ignore",
    });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { ...stack, stop: cleanUp, stopDatabase };
}
