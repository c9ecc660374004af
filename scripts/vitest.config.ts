import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

/** Node-side scripts: the migrator, the drift check, the dev stack. */
export default defineProject({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    name: "scripts",
    environment: "node",
    include: ["scripts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
