import * as z from "zod";

/** Thrown when the Worker's environment is missing or malformed; names every bad variable. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);

const origin = z.url({ protocol: /^https?$/ }).transform((value) => new URL(value).origin);

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
  .describe("database URL");

/** A whole number (seconds or a count) from env, with a default when unset. */
const whole = (fallback: number, min = 0) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min) {
        ctx.addIssue({
          code: "custom",
          message: `must be a whole number >= ${min}, got "${value}"`,
        });
        return z.NEVER;
      }
      return number;
    });

const onOff = (fallback: "on" | "off") =>
  z
    .enum(["on", "off", "true", "false", "1", "0"], { error: "must be on or off" })
    .optional()
    .transform((value) => ["on", "true", "1"].includes(value ?? fallback));

const DAY = 86_400;

const schema = z.object({
  // Signs session cookies: too short a secret makes them forgeable.
  BETTER_AUTH_SECRET: z
    .string({ error: "is required" })
    .min(32, "must be at least 32 characters")
    .refine((value) => !value.startsWith("replace-me"), "is still the example value"),
  BETTER_AUTH_URL: origin,
  DATABASE_URL: postgresUrl,
  DB_DRIVER: z.enum(["pg", "neon"]).optional(),
  // Tests and local dev only: host:port of a WebSocket proxy for the Neon driver (loopback only, see db/).
  NEON_WS_PROXY: z.string().optional(),
  // An optional Hyperdrive binding: when bound, the pg driver connects through it.
  HYPERDRIVE: z
    .custom<Hyperdrive>((value) => typeof (value as Hyperdrive)?.connectionString === "string")
    .optional(),
  TRUSTED_ORIGINS: commaList.pipe(z.array(origin)),
  COOKIE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "must be a bare host name such as example.com")
    .optional()
    .transform((value) => value?.replace(/^\./, "") || undefined),
  /** Idle timeout: a session unused this long ends (sliding expiry). */
  SESSION_EXPIRES_IN: whole(7 * DAY, 5),
  /** How often use pushes the idle expiry forward (at most one write per period). */
  SESSION_UPDATE_AGE: whole(DAY, 0),
  /** Absolute lifetime: a session ends this long after sign-in however active it is. */
  SESSION_MAX_AGE: whole(30 * DAY, 5),
  /** A token older than this is replaced on the next request. */
  SESSION_ROTATE_AFTER: whole(15 * 60, 1),
  /** How long the replaced token is still accepted (concurrent tabs, in-flight requests). */
  SESSION_ROTATION_GRACE: whole(30, 0),
  /** How long a signed cookie may answer the session check without the database; 0 turns it off. */
  SESSION_CACHE_SECONDS: whole(60, 0),
  /** How recent the sign-in must be for listing and revoking sessions and changing the password. */
  SESSION_FRESH_AGE: whole(DAY, 0),
  SESSION_BINDING: z
    .enum(["off", "log", "strict"], { error: "must be off, log or strict" })
    .default("log"),
  /** Sessions per user; a new sign-in beyond it evicts the least recently active one. */
  SESSION_LIMIT: whole(10, 1),
  RATE_LIMIT: onOff("on"),
  RATE_LIMIT_WINDOW: whole(60, 1),
  RATE_LIMIT_MAX: whole(10, 1),
});

/** The Worker's configuration, parsed from env once and typed. */
export type Config = z.output<typeof schema> & {
  /** Which driver the database seam uses: DB_DRIVER, else pg with Hyperdrive, else neon for Neon hosts. */
  dbDriver: "pg" | "neon";
};

// Env objects are stable per isolate, so parsing once per env object is enough.
const parsed = new WeakMap<object, Config>();

/** Validates env at the edge of the system; throws ConfigError naming each bad variable. */
export function loadConfig(env: object): Config {
  const cached = parsed.get(env);
  if (cached) return cached;
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".") || "env"} ${issue.message}`,
    );
    throw new ConfigError(`Invalid Worker environment: ${problems.join("; ")}`);
  }
  const values = result.data;
  const dbDriver =
    values.DB_DRIVER ??
    (!values.HYPERDRIVE && new URL(values.DATABASE_URL).hostname.endsWith(".neon.tech")
      ? "neon"
      : "pg");
  const config = { ...values, dbDriver };
  parsed.set(env, config);
  return config;
}
