// The production Worker, bundled offline exactly as `npm run deploy` uploads it: it must build, stay
// under the compressed-size budget, and the built file itself must serve requests (minified, with
// production vars) through the Neon driver it uses in production.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "./db/test-database.ts";
import { type BundleSize, buildBundle, formatSize, GZIP_BUDGET_KIB } from "./lib/bundle.ts";
import { type NeonProxy, startNeonProxy } from "./lib/neon-proxy.ts";
import { freePort } from "./lib/ports.ts";
import { type Managed, start, waitForUrl } from "./lib/processes.ts";
import { readWorkerConfig } from "./lib/wrangler-config.ts";

const production = readWorkerConfig("production");
const appOrigin = production.vars.TRUSTED_ORIGINS?.split(",")[0] ?? "";

let dir = "";
let size: BundleSize;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "edge-session-bundle-"));
  size = await buildBundle(join(dir, "out"));
  console.log(
    `Production bundle (wrangler deploy --dry-run --env production):\n${formatSize(size)}`,
  );
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("production bundle", () => {
  it(`stays under ${GZIP_BUDGET_KIB} KiB gzip, by wrangler's count and by node:zlib`, () => {
    expect(size.modules.map((module) => module.name)).toEqual(
      expect.arrayContaining(["index.js", expect.stringMatching(/query_compiler_small_bg\.wasm$/)]),
    );
    expect(size.wrangler.gzipKiB).toBeLessThan(GZIP_BUDGET_KIB);
    expect(size.gzipKiB).toBeLessThan(GZIP_BUDGET_KIB);
    // Two measures of one thing: a large gap would mean the test measures the wrong files.
    expect(Math.abs(size.gzipKiB - size.wrangler.gzipKiB)).toBeLessThan(16);
  });

  describe("the built file, served by workerd with the production vars", () => {
    let database: TestDatabase | undefined;
    let proxy: NeonProxy | undefined;
    let worker: Managed | undefined;
    let url = "";

    beforeAll(async () => {
      [database, proxy] = await Promise.all([startTestDatabase(), startNeonProxy()]);
      const out = join(dir, "out");
      // Serves the dry-run output as is (no_bundle): the exact files a deploy uploads.
      await writeFile(
        join(out, "wrangler.json"),
        JSON.stringify({
          name: "bundle-smoke",
          main: "index.js",
          compatibility_date: production.compatibilityDate,
          compatibility_flags: production.compatibilityFlags,
          no_bundle: true,
          find_additional_modules: true,
          vars: production.vars,
        }),
      );
      const secrets = join(dir, "secrets.env");
      await writeFile(
        secrets,
        [
          `DATABASE_URL=${database.url}`,
          `BETTER_AUTH_SECRET=bundle-smoke-${crypto.randomUUID()}`,
          // Production picks the Neon driver for Neon hosts; here it reaches the local Postgres.
          "DB_DRIVER=neon",
          `NEON_WS_PROXY=${proxy.address}`,
        ].join("\n"),
        { mode: 0o600 },
      );
      const port = await freePort();
      url = `http://127.0.0.1:${port}`;
      worker = start(
        "bundle",
        "wrangler",
        [
          "dev",
          "--config",
          join(out, "wrangler.json"),
          "--ip",
          "127.0.0.1",
          "--port",
          String(port),
          "--env-file",
          secrets,
          "--test-scheduled",
          "--show-interactive-dev-session=false",
        ],
        // Its log goes to the test output: the first thing to read when this fails.
        { output: "prefix" },
      );
      await waitForUrl(`${url}/health`, 60_000, worker);
    }, 120_000);

    afterAll(async () => {
      await worker?.stop();
      await proxy?.close();
      await database?.stop();
    });

    it("answers /health through the Neon driver and the WebSocket proxy", async () => {
      const response = await fetch(`${url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "ok", db: "ok" });
      expect(proxy?.tunnelsOpened()).toBeGreaterThan(0);
    });

    it("signs up from the app origin with a Secure cookie shared across the cookie domain", async () => {
      const response = await fetch(`${url}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { origin: appOrigin, "content-type": "application/json" },
        body: JSON.stringify({
          email: `bundle-${crypto.randomUUID()}@example.com`,
          password: "correct horse battery",
          name: "Bundle",
        }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      const cookie = response.headers.getSetCookie().find((line) => line.includes("session_token"));
      expect(cookie).toMatch(/^__Secure-/);
      expect(cookie).toMatch(/;\s*Secure/i);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(new RegExp(`;\\s*Domain=\\.?${production.vars.COOKIE_DOMAIN}`, "i"));
    });

    it("runs the scheduled handler the Cron Trigger calls", async () => {
      expect(production.crons.length).toBeGreaterThan(0);
      const cron = encodeURIComponent(production.crons[0] ?? "");
      const response = await fetch(`${url}/cdn-cgi/handler/scheduled?cron=${cron}`);
      expect(response.status).toBe(200);
    });
  });
});
