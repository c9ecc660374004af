// What the deploy scripts do offline: stage each web app for Pages, refuse to deploy without a
// Cloudflare login (saying so), and apply migrations with the project's migrator when Prisma's
// engine cannot be downloaded. Nothing here reaches past 127.0.0.1.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMigrations } from "./db/migrate.ts";
import { type RunningPostgres, startPostgres } from "./db/postgres.ts";
import { checkLogin, stageWebApps } from "./deploy.ts";
import { freePort } from "./lib/ports.ts";
import { ROOT, toolEnv } from "./lib/processes.ts";

const run = promisify(execFile);
let scratch = "";

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "edge-session-deploy-"));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/** Env for a child with no Cloudflare login and no way to the internet's Prisma or Cloudflare. */
async function offlineEnv(extra: Record<string, string | undefined> = {}) {
  const home = await mkdtemp(join(scratch, "home-"));
  const env = toolEnv({
    HOME: home,
    XDG_CONFIG_HOME: home,
    // Were a download attempted, it would go to a closed port on this machine.
    PRISMA_ENGINES_MIRROR: `http://127.0.0.1:${await freePort()}`,
    ...extra,
  });
  for (const name of ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_API_KEY", "DATABASE_URL"]) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

async function npmScript(script: string, env: NodeJS.ProcessEnv) {
  return run("npm", ["run", "--silent", script], { cwd: ROOT, env, timeout: 120_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

describe("stageWebApps", () => {
  it("stages each built app as its own site: its page at the root, shared assets beside it", async () => {
    const dist = join(scratch, "dist");
    await mkdir(join(dist, "assets"), { recursive: true });
    await mkdir(join(dist, "admin"), { recursive: true });
    await writeFile(join(dist, "index.html"), "app page");
    await writeFile(join(dist, "admin", "index.html"), "admin page");
    await writeFile(join(dist, "assets", "index-1.js"), "js");
    await writeFile(join(dist, "favicon.svg"), "icon");

    const staged = await stageWebApps(dist, join(scratch, "stage"));
    expect([...staged.keys()].sort()).toEqual(["admin", "app"]);
    const app = staged.get("app") ?? "";
    const admin = staged.get("admin") ?? "";
    expect(await readFile(join(app, "index.html"), "utf8")).toBe("app page");
    expect(await readFile(join(admin, "index.html"), "utf8")).toBe("admin page");
    expect((await readdir(app)).sort()).toEqual(["assets", "favicon.svg", "index.html"]);
    expect((await readdir(admin)).sort()).toEqual(["assets", "favicon.svg", "index.html"]);
  });
});

describe("npm run deploy", () => {
  it("reports a missing login, and an unreachable Cloudflare API, in words", async () => {
    await expect(checkLogin(await offlineEnv())).rejects.toThrow(/Not logged in.*wrangler login/);
    const unreachable = await offlineEnv({
      CLOUDFLARE_API_TOKEN: "not-a-real-token",
      CLOUDFLARE_API_BASE_URL: `http://127.0.0.1:${await freePort()}/client/v4`,
    });
    await expect(checkLogin(unreachable)).rejects.toThrow(/cannot be reached/);
  });

  it("runs the doctor first, then stops before building when nobody is logged in", async () => {
    const env = await offlineEnv({
      BETTER_AUTH_SECRET: "deploy-test-secret-0123456789abcdef",
      DATABASE_URL: "postgresql://app:pw@ep-cool-1.eu-central-1.aws.neon.tech/neondb",
    });
    const result = await npmScript("deploy", env);
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("configuration OK");
    expect(result.output).toContain("Not logged in to Cloudflare");
    expect(result.output).not.toContain("Building the web apps");
  });
});

describe("npm run db:deploy", () => {
  let postgres: RunningPostgres | undefined;
  let url = "";

  beforeAll(async () => {
    // Its own temporary folder: Postgres runs as another user and must own the whole path's end.
    const dataDir = await mkdtemp(join(tmpdir(), "edge-session-deploy-pg-"));
    postgres = await startPostgres({ dataDir, persistent: false });
    await postgres.createDatabase("production_like");
    url = postgres.url("production_like");
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
  });

  it("names DATABASE_URL when it is missing or malformed", async () => {
    const missing = await npmScript("db:deploy", await offlineEnv());
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain("DATABASE_URL is not set");
    const malformed = await npmScript(
      "db:deploy",
      await offlineEnv({ DATABASE_URL: "mysql://root:hunter2@db/app" }),
    );
    expect(malformed.output).toContain("DATABASE_URL is malformed");
    expect(malformed.output).not.toContain("hunter2");
  });

  it("applies every committed migration, falling back to the project's migrator offline", async () => {
    const first = await npmScript("db:deploy", await offlineEnv({ DATABASE_URL: url }));
    expect(first.code, first.output).toBe(0);
    // Either Prisma's engine was at hand (cached), or the fallback said why it took over.
    expect(first.output).toMatch(
      /could not be downloaded here|migrations have been successfully applied/i,
    );

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ migration_name: string }>(
        'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY 1',
      );
      expect(rows.map((row) => row.migration_name)).toEqual(
        readMigrations().map((migration) => migration.name),
      );
    } finally {
      await client.end();
    }

    const again = await npmScript("db:deploy", await offlineEnv({ DATABASE_URL: url }));
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/already up to date|No pending migrations/i);
  });
});
