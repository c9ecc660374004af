import { createMiddleware } from "hono/factory";
import { type Auth, createAuth } from "../../auth";
import { createDatabase, type Database } from "../../db/client";
import { type Config, loadConfig } from "../../env";
import type { AppEnv } from "../../types";

/**
 * Per-request database client and auth instance, built on first use.
 * A Worker may not reuse a socket opened by another request, so nothing here outlives the request;
 * a request that never touches the database never builds a client.
 */
export class Services {
  #database: Database | undefined;
  #auth: Auth | undefined;
  readonly #pending: Promise<unknown>[] = [];
  readonly config: Config;

  constructor(config: Config) {
    this.config = config;
  }

  get prisma() {
    this.#database ??= createDatabase(this.config);
    return this.#database.prisma;
  }

  get auth(): Auth {
    this.#auth ??= createAuth(this);
    return this.#auth;
  }

  /** Work that may finish after the response (event writes, refreshes); never fails the request. */
  defer(promise: Promise<unknown>) {
    this.#pending.push(promise.catch((error) => console.error("background task failed", error)));
  }

  /** Waits for deferred work, then closes the connection if one was opened. */
  async dispose() {
    while (this.#pending.length > 0) {
      await Promise.allSettled(this.#pending.splice(0));
    }
    await this.#database?.dispose();
  }
}

/** Parses the config and attaches per-request services; disposes of them after the response. */
export const services = createMiddleware<AppEnv>(async (c, next) => {
  const requestServices = new Services(loadConfig(c.env));
  c.set("services", requestServices);
  try {
    await next();
  } finally {
    c.executionCtx.waitUntil(requestServices.dispose());
  }
});
