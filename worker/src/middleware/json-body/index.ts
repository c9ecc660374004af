import { createMiddleware } from "hono/factory";
import { ApiError } from "../../errors";
import type { AppEnv } from "../../types";

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Bodies past this size are refused before they are read into memory. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * Parses a state-changing request's JSON body once and puts it on c.var.body. Refuses, before
 * anything else reads it: a body over MAX_BODY_BYTES (413), a body that is not JSON (415: a
 * cross-site form can send only "simple" content types), malformed JSON or a non-object (400).
 */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  if (!BODY_METHODS.has(c.req.method)) return next();
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) {
    throw new ApiError(
      413,
      "body_too_large",
      `The request body must be at most ${MAX_BODY_BYTES} bytes.`,
    );
  }
  const text = await c.req.raw.clone().text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    throw new ApiError(
      413,
      "body_too_large",
      `The request body must be at most ${MAX_BODY_BYTES} bytes.`,
    );
  }
  if (text.trim() === "") return next();
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, "unsupported_media_type", "Send the request body as application/json.");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ApiError(400, "invalid_body", "The request body must be a JSON object.");
  }
  const nul = findNul(value);
  if (nul !== null) {
    // Postgres text cannot hold U+0000: refuse it here rather than fail in the database.
    throw new ApiError(400, "invalid_body", `${nul} contains a NUL character`, { field: nul });
  }
  c.set("body", value as Record<string, unknown>);
  await next();
});

/** The path of the first string (or key) that contains U+0000, or null. */
function findNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path || "body" : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return here;
    const found = findNul(item, here);
    if (found) return found;
  }
  return null;
}
