import { fileURLToPath } from "node:url";
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

// A fixed secret for tests only: tests sign and verify their own cookies.
const TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef";
const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The Worker, inside workerd, against a real Postgres started by the global setup.
 * Run as its own vitest invocation: nested under a root `projects` list, the plugin's module
 * resolution is lost (pg then loads its Node socket stub: "CloudflareSocket is not a constructor").
 */
export default defineProject({
  root,
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: `${root}/wrangler.toml` },
      miniflare: {
        bindings: {
          DATABASE_URL: inject("DATABASE_URL"),
          BETTER_AUTH_SECRET: TEST_SECRET,
          // DB_DRIVER, and NEON_WS_PROXY for the Neon run (TEST_DB_DRIVER=neon).
          ...inject("DRIVER_BINDINGS"),
        },
      },
    })),
  ],
  test: {
    // The same suite runs once per driver: `test:worker` (pg) and `test:worker:neon`.
    name: `worker (${process.env.TEST_DB_DRIVER === "neon" ? "neon" : "pg"})`,
    include: ["worker/test/**/*.test.ts"],
    globalSetup: ["worker/test/global-setup.ts"],
    // The first request of a cold run loads the modules (Prisma's wasm included): 5-8 s here.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
