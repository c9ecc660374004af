// `npm run doctor [-- --env production]`: checks the Worker's configuration before anything starts
// or ships, and names each problem. Without --env: wrangler.toml's top-level vars, .dev.vars and the
// shell (what `npm run dev` uses). With --env production: that section's vars and the shell; a
// secret that is not in the shell counts as set when `wrangler secret list` shows it.
import { execFile } from "node:child_process";
import { isIP } from "node:net";
import { parseArgs, promisify } from "node:util";
import { readDevVars } from "./lib/dev-vars.ts";
import { ROOT, toolEnv } from "./lib/processes.ts";
import { readWorkerConfig } from "./lib/wrangler-config.ts";

export type Vars = Record<string, string | undefined>;

export type CheckOptions = {
  production: boolean;
  /** Secrets already set on Cloudflare (`wrangler secret list`): present, though not readable here. */
  remoteSecrets?: string[];
};

const SECRETS = ["BETTER_AUTH_SECRET", "DATABASE_URL"] as const;
// Terminal colour codes in wrangler's messages (built from the code point: no control character literal).
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Every problem with the configuration, each naming the variable; empty when all is well. */
export function checkConfig(vars: Vars, options: CheckOptions): string[] {
  const { production } = options;
  const remote = new Set(options.remoteSecrets ?? []);
  const problems: string[] = [];
  const fail = (message: string) => problems.push(message);
  const where = (name: string) =>
    production
      ? `set it with \`npx wrangler secret put ${name} --env production\``
      : "set it in .dev.vars";

  // The secret signs session cookies: short or published, and anyone can forge a session.
  const secret = vars.BETTER_AUTH_SECRET;
  if (!secret) {
    if (!remote.has("BETTER_AUTH_SECRET"))
      fail(`BETTER_AUTH_SECRET is missing: ${where("BETTER_AUTH_SECRET")}.`);
  } else if (secret.startsWith("replace-me")) {
    fail(
      "BETTER_AUTH_SECRET is still the example value: generate one with `openssl rand -base64 32`.",
    );
  } else if (secret.length < 32) {
    fail(
      `BETTER_AUTH_SECRET is ${secret.length} characters: use at least 32 (\`openssl rand -base64 32\`).`,
    );
  }

  const database = vars.DATABASE_URL;
  if (!database) {
    if (!remote.has("DATABASE_URL")) fail(`DATABASE_URL is missing: ${where("DATABASE_URL")}.`);
  } else {
    // Never echo the URL: it carries the database password.
    const url = URL.canParse(database) ? new URL(database) : undefined;
    if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !url.hostname) {
      fail("DATABASE_URL is malformed: expected postgres://user:password@host/database.");
    } else if (url.pathname.length <= 1) {
      fail(`DATABASE_URL names no database (postgres://…@${url.host}/<database>).`);
    } else if (production && isLocal(url.hostname)) {
      fail(`DATABASE_URL points at ${url.hostname}, this machine: production needs the Neon host.`);
    }
  }
  if (vars.DB_DRIVER && !["pg", "neon"].includes(vars.DB_DRIVER)) {
    fail(`DB_DRIVER=${vars.DB_DRIVER}: use pg or neon, or leave it unset.`);
  }
  if (production && vars.NEON_WS_PROXY) {
    fail("NEON_WS_PROXY is set: it is for local tests only; remove it from production.");
  }

  const api = originOf(vars.BETTER_AUTH_URL);
  if (!api) fail("BETTER_AUTH_URL is missing or not an http(s) URL: set the API's public origin.");
  const secure = api?.protocol === "https:";
  if (api && production && !secure) {
    fail(`BETTER_AUTH_URL=${api.origin} is not HTTPS: production cookies must be Secure.`);
  }

  // Browsers refuse Domain=localhost (and IPs), so a shared login can never work on them.
  const cookieDomain = vars.COOKIE_DOMAIN?.trim().replace(/^\./, "").toLowerCase() || undefined;
  if (cookieDomain) {
    if (isLocal(cookieDomain) || isIP(cookieDomain) || !cookieDomain.includes(".")) {
      fail(
        `COOKIE_DOMAIN=${cookieDomain}: browsers reject a cookie for ${cookieDomain}; leave it unset locally.`,
      );
    } else if (api && !within(api.hostname, cookieDomain)) {
      fail(
        `COOKIE_DOMAIN=${cookieDomain} does not contain the API host ${api.hostname} (BETTER_AUTH_URL): the browser would drop the cookie.`,
      );
    }
  }

  // SameSite=None cookies travel on cross-site requests; browsers accept them only when Secure.
  const sameSite = (vars.COOKIE_SAME_SITE ?? "lax").toLowerCase();
  if (!["lax", "strict", "none"].includes(sameSite)) {
    fail(`COOKIE_SAME_SITE=${vars.COOKIE_SAME_SITE}: use lax, strict or none.`);
  } else if (sameSite === "none" && !secure) {
    fail(
      "COOKIE_SAME_SITE=none without Secure cookies: browsers reject it; serve the API over HTTPS.",
    );
  }

  const origins = (vars.TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  if (origins.length === 0) fail("TRUSTED_ORIGINS is missing: list the web apps' origins.");
  for (const value of origins) {
    const origin = originOf(value);
    if (!origin) {
      fail(`TRUSTED_ORIGINS: "${value}" is not an http(s) origin.`);
    } else if (production && origin.protocol !== "https:") {
      fail(`TRUSTED_ORIGINS: ${origin.origin} is not HTTPS; production trusts HTTPS origins only.`);
    } else if (cookieDomain && !within(origin.hostname, cookieDomain)) {
      fail(
        `TRUSTED_ORIGINS: ${origin.origin} is outside COOKIE_DOMAIN=${cookieDomain}: it would never see the session.`,
      );
    }
  }
  return problems;
}

function originOf(value: string | undefined): URL | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === "https:" || url.protocol === "http:" ? url : undefined;
}

/** host is the domain itself or one of its subdomains. */
function within(host: string, domain: string) {
  const bare = host.toLowerCase();
  return bare === domain || bare.endsWith(`.${domain}`);
}

function isLocal(host: string) {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    bare === "localhost" ||
    bare.endsWith(".localhost") ||
    bare === "::1" ||
    bare === "0.0.0.0" ||
    /^127\./.test(bare)
  );
}

/** Names of the secrets set on the deployed Worker, or why they could not be listed. */
export async function listRemoteSecrets(env: string): Promise<string[] | Error> {
  try {
    const { stdout } = await promisify(execFile)(
      "wrangler",
      ["secret", "list", "--env", env, "--format", "json"],
      { cwd: ROOT, env: toolEnv({ FORCE_COLOR: "0" }), timeout: 60_000 },
    );
    return (JSON.parse(stdout) as { name: string }[]).map((secret) => secret.name);
  } catch (error) {
    const output = `${(error as { stderr?: string }).stderr ?? ""}\n${(error as Error).message}`;
    const plain = output.replace(ANSI, "");
    const line = plain.split("\n").find((text) => /\[ERROR\]|error/i.test(text)) ?? plain;
    return new Error(line.replace(/^.*\[ERROR\]\s*/, "").trim());
  }
}

/** The vars the Worker will see, and the checks for them; prints the outcome. */
export async function runDoctor(env: string | undefined): Promise<boolean> {
  const production = env !== undefined;
  const config = readWorkerConfig(env);
  const shell = process.env;
  const vars: Vars = production
    ? { ...config.vars, ...pick(shell, [...SECRETS, "DB_DRIVER", "NEON_WS_PROXY"]) }
    : { ...config.vars, ...readDevVars(), ...pick(shell, ["DATABASE_URL"]) };
  let remoteSecrets: string[] = [];
  if (!production && !vars.DATABASE_URL) {
    // `npm run dev` starts the embedded Postgres and fills this in.
    vars.DATABASE_URL = "postgres://postgres@127.0.0.1/edge_session";
  }
  const missing = SECRETS.filter((name) => !vars[name]);
  if (production && missing.length > 0) {
    const listed = await listRemoteSecrets(env);
    if (listed instanceof Error) {
      console.error(
        `doctor: ${missing.join(" and ")} not in the environment, and the secrets on Cloudflare could not be listed` +
          ` (${listed.message.trim()}). Log in (\`npx wrangler login\` or CLOUDFLARE_API_TOKEN) or export them.`,
      );
    } else remoteSecrets = listed;
  }
  const problems = checkConfig(vars, { production, remoteSecrets });
  const source = production
    ? `wrangler.toml [env.${env}] + environment`
    : "wrangler.toml + .dev.vars";
  if (problems.length === 0) {
    console.log(`doctor: configuration OK (${source}).`);
    return true;
  }
  console.error(`doctor: ${problems.length} problem(s) in the configuration (${source}):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  return false;
}

function pick(source: Vars, names: readonly string[]): Vars {
  return Object.fromEntries(
    names.filter((name) => source[name]).map((name) => [name, source[name]]),
  );
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { env: { type: "string" } } });
  runDoctor(values.env).then(
    (ok) => process.exit(ok ? 0 : 1),
    (error: unknown) => {
      console.error(`doctor: ${error instanceof Error ? error.message : error}`);
      process.exit(1);
    },
  );
}
