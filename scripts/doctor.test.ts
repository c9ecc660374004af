// The config check: each rule fires on its own and names the variable; a good config passes.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkConfig, type Vars } from "./doctor.ts";
import { ROOT, toolEnv } from "./lib/processes.ts";

const SECRET = "test-only-secret-0123456789abcdef0123";
const PASSWORD = "hunter2-do-not-print";

const production: Vars = {
  BETTER_AUTH_SECRET: SECRET,
  DATABASE_URL: `postgresql://app:${PASSWORD}@ep-cool-1.eu-central-1.aws.neon.tech/neondb?sslmode=require`,
  BETTER_AUTH_URL: "https://api.example.com",
  TRUSTED_ORIGINS: "https://app.example.com,https://admin.example.com",
  COOKIE_DOMAIN: "example.com",
};

const dev: Vars = {
  BETTER_AUTH_SECRET: SECRET,
  DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:5432/edge_session",
  BETTER_AUTH_URL: "http://localhost:8787",
  TRUSTED_ORIGINS: "http://localhost:5173",
};

const prod = (changes: Vars) => checkConfig({ ...production, ...changes }, { production: true });
const local = (changes: Vars) => checkConfig({ ...dev, ...changes }, { production: false });

/** Exactly one problem, mentioning every given fragment. */
function expectOne(problems: string[], ...fragments: string[]) {
  expect(problems).toHaveLength(1);
  for (const fragment of fragments) expect(problems[0]).toContain(fragment);
}

describe("checkConfig", () => {
  it("passes the production and the local example configurations", () => {
    expect(prod({})).toEqual([]);
    expect(local({})).toEqual([]);
  });

  it("fails when the cookie domain does not contain the API host", () => {
    const apps = { TRUSTED_ORIGINS: "https://app.example.org" };
    expectOne(prod({ ...apps, COOKIE_DOMAIN: "example.org" }), "COOKIE_DOMAIN", "api.example.com");
    expect(prod({ COOKIE_DOMAIN: "app.example.com" })[0]).toContain(
      "does not contain the API host",
    );
    // A leading dot is the same domain, and the apex itself is inside it.
    expect(prod({ COOKIE_DOMAIN: ".example.com" })).toEqual([]);
    expect(
      prod({ BETTER_AUTH_URL: "https://example.com", TRUSTED_ORIGINS: "https://app.example.com" }),
    ).toEqual([]);
  });

  it("fails when a trusted origin is outside the cookie domain", () => {
    expectOne(
      prod({ TRUSTED_ORIGINS: "https://app.example.com,https://admin.example.net" }),
      "TRUSTED_ORIGINS",
      "admin.example.net",
      "COOKIE_DOMAIN",
    );
    // "notexample.com" ends with "example.com" but is another domain.
    expectOne(prod({ TRUSTED_ORIGINS: "https://notexample.com" }), "notexample.com");
  });

  it("fails on a trusted origin that is not HTTPS in production, and allows it locally", () => {
    expectOne(
      prod({ TRUSTED_ORIGINS: "https://app.example.com,http://admin.example.com" }),
      "TRUSTED_ORIGINS",
      "http://admin.example.com",
      "HTTPS",
    );
    expect(local({ TRUSTED_ORIGINS: "http://localhost:5173,http://localhost:5174" })).toEqual([]);
    expectOne(local({ TRUSTED_ORIGINS: "" }), "TRUSTED_ORIGINS");
    expectOne(local({ TRUSTED_ORIGINS: "localhost:5173" }), "TRUSTED_ORIGINS");
  });

  it("fails on SameSite=None without Secure cookies", () => {
    expectOne(local({ COOKIE_SAME_SITE: "none" }), "COOKIE_SAME_SITE", "Secure");
    expect(prod({ COOKIE_SAME_SITE: "None" })).toEqual([]);
    expectOne(local({ COOKIE_SAME_SITE: "loose" }), "COOKIE_SAME_SITE");
  });

  it("fails when the API is not HTTPS in production (cookies would not be Secure)", () => {
    const problems = prod({ BETTER_AUTH_URL: "http://api.example.com" });
    expectOne(problems, "BETTER_AUTH_URL", "HTTPS");
    expectOne(prod({ BETTER_AUTH_URL: undefined }), "BETTER_AUTH_URL");
  });

  it("fails on a localhost (or IP) cookie domain", () => {
    for (const domain of ["localhost", ".localhost", "app.localhost", "127.0.0.1"]) {
      const problems = local({ COOKIE_DOMAIN: domain });
      expect(problems.length, domain).toBeGreaterThan(0);
      expect(problems[0]).toContain("COOKIE_DOMAIN");
    }
  });

  it("fails on a missing, short or example secret", () => {
    expectOne(prod({ BETTER_AUTH_SECRET: undefined }), "BETTER_AUTH_SECRET", "wrangler secret put");
    expectOne(local({ BETTER_AUTH_SECRET: "" }), "BETTER_AUTH_SECRET", ".dev.vars");
    expectOne(prod({ BETTER_AUTH_SECRET: "a".repeat(31) }), "BETTER_AUTH_SECRET", "31 characters");
    expect(prod({ BETTER_AUTH_SECRET: "a".repeat(32) })).toEqual([]);
    expectOne(
      prod({ BETTER_AUTH_SECRET: "replace-me-with-at-least-32-random-characters" }),
      "BETTER_AUTH_SECRET",
      "example value",
    );
  });

  it("counts a secret set on Cloudflare as present", () => {
    const vars = { ...production, BETTER_AUTH_SECRET: undefined, DATABASE_URL: undefined };
    const options = { production: true, remoteSecrets: ["BETTER_AUTH_SECRET", "DATABASE_URL"] };
    expect(checkConfig(vars, options)).toEqual([]);
  });

  it("fails on a missing or malformed database URL, without printing its password", () => {
    expectOne(prod({ DATABASE_URL: undefined }), "DATABASE_URL", "missing");
    for (const url of [
      `mysql://root:${PASSWORD}@db.example.com/app`,
      "not a url",
      `postgres://user:${PASSWORD}@/app`,
    ]) {
      const problems = prod({ DATABASE_URL: url });
      expectOne(problems, "DATABASE_URL", "malformed");
      expect(problems[0]).not.toContain(PASSWORD);
    }
    expectOne(prod({ DATABASE_URL: `postgres://u:${PASSWORD}@db.example.com` }), "no database");
  });

  it("fails in production on a database on this machine or a local Neon proxy", () => {
    expectOne(prod({ DATABASE_URL: dev.DATABASE_URL }), "DATABASE_URL", "127.0.0.1");
    expectOne(prod({ NEON_WS_PROXY: "127.0.0.1:4444" }), "NEON_WS_PROXY");
    expectOne(prod({ DB_DRIVER: "mysql" }), "DB_DRIVER");
  });
});

describe("npm run doctor", () => {
  const run = promisify(execFile);

  /** The CLI with no Cloudflare login at all: it must not reach the network. */
  async function doctor(args: string[], env: Vars) {
    const home = await mkdtemp(join(tmpdir(), "edge-session-doctor-"));
    const childEnv = toolEnv({ ...env, HOME: home, XDG_CONFIG_HOME: home });
    delete childEnv.CLOUDFLARE_API_TOKEN;
    delete childEnv.CLOUDFLARE_API_KEY;
    try {
      const { stdout, stderr } = await run("node", ["scripts/doctor.ts", ...args], {
        cwd: ROOT,
        env: childEnv,
      });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, output: failed.stdout + failed.stderr };
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }

  it("checks wrangler.toml's [env.production] vars with the secrets from the environment", async () => {
    const secrets = { BETTER_AUTH_SECRET: SECRET, DATABASE_URL: production.DATABASE_URL };
    const ok = await doctor(["--env", "production"], secrets);
    expect(ok.output).toContain("configuration OK");
    expect(ok.code).toBe(0);

    const bad = await doctor(["--env", "production"], { ...secrets, BETTER_AUTH_SECRET: "short" });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("BETTER_AUTH_SECRET is 5 characters");
  });

  it("says so when the secrets are neither in the environment nor listable on Cloudflare", async () => {
    const result = await doctor(["--env", "production"], {
      BETTER_AUTH_SECRET: undefined,
      DATABASE_URL: undefined,
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain("could not be listed");
    expect(result.output).toContain("BETTER_AUTH_SECRET is missing");
  });

  it("names an environment that wrangler.toml does not have", async () => {
    const result = await doctor(["--env", "staging"], {});
    expect(result.code).toBe(1);
    expect(result.output).toContain('"staging"');
  });
});
