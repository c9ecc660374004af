import { z } from "zod";

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

const schema = z.object({
  // Signs session cookies: too short a secret makes them forgeable.
  BETTER_AUTH_SECRET: z
    .string({ error: "is required" })
    .min(32, "must be at least 32 characters")
    .refine((value) => !value.startsWith("replace-me"), "is still the example value"),
  BETTER_AUTH_URL: origin,
  DATABASE_URL: postgresUrl,
  DB_DRIVER: z.enum(["pg", "neon"]).optional(),
  TRUSTED_ORIGINS: commaList.pipe(z.array(origin)),
  COOKIE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "must be a bare host name such as example.com")
    .optional()
    .transform((value) => value?.replace(/^\./, "") || undefined),
});

/** The Worker's configuration, parsed from env once and typed. */
export type Config = z.output<typeof schema> & {
  /** Which driver the database seam uses: neon for Neon hosts or when DB_DRIVER says so. */
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
    (new URL(values.DATABASE_URL).hostname.endsWith(".neon.tech") ? "neon" : "pg");
  const config = { ...values, dbDriver };
  parsed.set(env, config);
  return config;
}
