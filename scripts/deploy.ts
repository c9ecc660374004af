// `npm run deploy`: the doctor, a Cloudflare login check, the web apps built against the production
// API, the Worker (`wrangler deploy --env production`), then each web app to its Pages project.
// Stops at the first failure and says what to do. Migrations are a separate step: npm run db:deploy.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { runDoctor } from "./doctor.ts";
import { ROOT, toolEnv } from "./lib/processes.ts";
import { readWorkerConfig } from "./lib/wrangler-config.ts";

const ENV = "production";
const WEB_DIST = `${ROOT}web/dist`;

class DeployError extends Error {}

/** Who wrangler is logged in as; throws a DeployError saying how to log in, or that it is offline. */
export async function checkLogin(env = toolEnv()): Promise<string> {
  const result = await promisify(execFile)("wrangler", ["whoami"], { cwd: ROOT, env }).then(
    ({ stdout, stderr }) => ({ ok: true, output: stdout + stderr }),
    (error: { stdout?: string; stderr?: string; message: string }) => ({
      ok: false,
      output: `${error.stdout ?? ""}${error.stderr ?? ""}${error.message}`,
    }),
  );
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|fetch failed|network/i.test(result.output)) {
    throw new DeployError(
      "Cloudflare's API cannot be reached from this machine (offline, or blocked): `wrangler whoami` failed. Deploy from a machine with internet access.",
    );
  }
  // `wrangler whoami` exits 0 when logged out, so read what it says.
  if (!result.ok || /not authenticated|not logged in/i.test(result.output)) {
    throw new DeployError(
      "Not logged in to Cloudflare: run `npx wrangler login`, or set CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID) for a non-interactive deploy.",
    );
  }
  return result.output.match(/associated with the email (\S+)/)?.[1] ?? "logged in";
}

/**
 * The web apps in a Vite build: `index.html` at the top is "app", `<name>/index.html` is "<name>".
 * Each is staged as its own site (its page at the root, the shared assets beside it) for its own
 * Pages project and subdomain.
 */
export async function stageWebApps(dist: string, stageDir: string): Promise<Map<string, string>> {
  const entries = await readdir(dist, { withFileTypes: true });
  const apps = new Map<string, string>();
  if (existsSync(join(dist, "index.html"))) apps.set("app", "");
  for (const entry of entries) {
    if (entry.isDirectory() && existsSync(join(dist, entry.name, "index.html"))) {
      apps.set(entry.name, entry.name);
    }
  }
  const staged = new Map<string, string>();
  for (const [name, folder] of apps) {
    const target = join(stageDir, name);
    await mkdir(target, { recursive: true });
    for (const entry of entries) {
      // Other apps' folders stay out; everything else (assets, icons) is shared.
      if (entry.isDirectory() && apps.has(entry.name) && entry.name !== folder) continue;
      if (entry.name === folder) continue;
      await cp(join(dist, entry.name), join(target, entry.name), { recursive: true });
    }
    if (folder) await cp(join(dist, folder), target, { recursive: true });
    staged.set(name, target);
  }
  return staged;
}

/** Runs a tool with its output on this terminal; throws a DeployError naming the step. */
function step(title: string, command: string, args: string[], env = toolEnv()): Promise<void> {
  console.log(`\n▶ ${title}\n  $ ${command} ${args.join(" ")}`);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new DeployError(`${title} failed (exit code ${code}).`)),
    );
  });
}

async function main() {
  console.log("▶ Checking the production configuration (npm run doctor -- --env production)");
  if (!(await runDoctor(ENV))) throw new DeployError("Fix the configuration above, then deploy.");

  console.log("\n▶ Checking the Cloudflare login");
  console.log(`  ${await checkLogin()}`);

  const config = readWorkerConfig(ENV);
  const apiUrl = config.vars.BETTER_AUTH_URL ?? "";
  const prefix = process.env.PAGES_PROJECT_PREFIX || "edge-session";

  await step(
    `Building the web apps against ${apiUrl}`,
    "vite",
    ["build", "--config", "web/vite.config.ts"],
    toolEnv({ VITE_SERVER_URL: apiUrl }),
  );
  await step("Deploying the API Worker", "wrangler", ["deploy", "--env", ENV]);

  const stageDir = await mkdtemp(join(tmpdir(), "edge-session-pages-"));
  try {
    const apps = await stageWebApps(WEB_DIST, stageDir);
    if (apps.size === 0) throw new DeployError(`No index.html in ${WEB_DIST}: nothing to deploy.`);
    for (const [name, dir] of apps) {
      await step(`Deploying the ${name} web app to Pages project ${prefix}-${name}`, "wrangler", [
        "pages",
        "deploy",
        dir,
        "--project-name",
        `${prefix}-${name}`,
        "--branch",
        "main",
        "--commit-dirty=true",
      ]);
    }
    const domain = config.vars.COOKIE_DOMAIN;
    console.log(`\nDeployed.\n  API  ${apiUrl}  (check: curl ${apiUrl}/health)`);
    for (const name of apps.keys()) {
      console.log(
        `  ${name.padEnd(4)} https://${name}.${domain ?? "<your domain>"}  (Pages project ${prefix}-${name})`,
      );
    }
  } finally {
    await rm(stageDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`\ndeploy stopped: ${message}`);
      if (error instanceof DeployError) process.exit(1);
      console.error(error);
      process.exit(1);
    },
  );
}
