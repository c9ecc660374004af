import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors";
import type { AppEnv } from "../../types";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Rejects a JSON request body that does not parse or is not an object with a clear 400,
 * before it reaches better-auth or a route (which would otherwise answer 500 or worse).
 */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (BODY_METHODS.has(c.req.method) && type.includes("json")) {
    const text = await c.req.raw.clone().text();
    if (text.trim() !== "") {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new ApiError(400, "invalid_body", "The request body must be a JSON object.");
      }
    }
  }
  await next();
});
