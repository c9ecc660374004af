import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ConfigError } from "./env";

/** An error the API answers with a known status and a stable machine-readable code. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The JSON body every error response carries. */
export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...details } };
}

// Connection-level failures from pg, the Neon driver and Prisma's driver adapters.
// 57P01-57P03: Postgres shutting down, crashed, or still starting (a restart mid-request).
const CONNECTION_FAILURE =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|connection terminated|connect(ion)? timeout|socket has been closed|Connection closed|network|DatabaseNotReachable|P1001|P1017|proxy request failed|WebSocket|57P0[123]/i;

/** True when an error means the database is unreachable rather than the query being wrong. */
export function isConnectionFailure(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const text =
      current instanceof Error
        ? `${current.name} ${current.message} ${(current as { code?: unknown }).code ?? ""}`
        : String(current);
    if (CONNECTION_FAILURE.test(text)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** Maps every thrown error to JSON; unknown errors are logged and answered without detail. */
export const errorHandler: ErrorHandler = (error, c) => {
  if (error instanceof ApiError) {
    if (error.status >= 500)
      console.error(
        JSON.stringify({ level: "error", code: error.code, error: String(error.cause ?? error) }),
      );
    return c.json(errorBody(error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    return c.json(errorBody("http_error", error.message || "Request failed"), error.status);
  }
  if (error instanceof ConfigError) {
    // The variable names help the operator; they reveal no secret values.
    console.error(JSON.stringify({ level: "error", code: "misconfigured", error: error.message }));
    return c.json(errorBody("misconfigured", error.message), 500);
  }
  if (isConnectionFailure(error)) {
    console.error(
      JSON.stringify({ level: "error", code: "database_unavailable", error: String(error) }),
    );
    return c.json(
      errorBody("database_unavailable", "The database is unavailable; try again shortly."),
      503,
    );
  }
  console.error(
    JSON.stringify({
      level: "error",
      code: "internal_error",
      error: String(error),
      stack: error.stack,
    }),
  );
  return c.json(errorBody("internal_error", "Something went wrong on our side."), 500);
};
