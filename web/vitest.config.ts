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
    // One stack and one browser at a time: the machine has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
