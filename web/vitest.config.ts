import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

/** Browser tests: a real Chromium against the real stack (Postgres, wrangler dev, Vite). */
export default defineProject({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    name: "browser",
    environment: "node",
    include: ["web/test/**/*.test.ts"],
    globalSetup: ["web/test/global-setup.ts"],
    // Two files at a time, no more (two cores): the localhost file spends most of its time
    // waiting for a session to reach its maximum age, which overlaps the subdomain file.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
