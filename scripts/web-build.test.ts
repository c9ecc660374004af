// The production build of both web apps (what `npm run deploy` ships to Pages).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, toolEnv } from "./lib/processes.ts";

const outDir = mkdtempSync(join(tmpdir(), "edge-session-web-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("vite build", () => {
  it("builds the app and the admin app, both pointed at the production API", () => {
    execFileSync(
      `${ROOT}node_modules/.bin/vite`,
      ["build", "--config", "web/vite.config.ts", "--outDir", outDir, "--emptyOutDir"],
      { cwd: ROOT, env: toolEnv({ VITE_SERVER_URL: "https://api.example.com" }), stdio: "pipe" },
    );
    for (const page of ["index.html", "admin/index.html"]) {
      expect(existsSync(join(outDir, page)), page).toBe(true);
      const html = readFileSync(join(outDir, page), "utf8");
      const script = /src="([^"]+\.js)"/.exec(html)?.[1] ?? "";
      expect(script, page).toMatch(/^\/assets\//);
    }
    const bundles = execFileSync(
      "grep",
      ["-rl", "https://api.example.com", join(outDir, "assets")],
      { encoding: "utf8" },
    );
    expect(bundles.trim()).not.toBe("");
  });
});
