// `npm run dev` killed with SIGKILL loses nothing: the next start finds the same users, and
// what the killed run left behind is stopped.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, portInUse } from "./lib/ports.ts";
import { ROOT, reapOrphans, toolEnv } from "./lib/processes.ts";

const state = mkdtempSync(join(tmpdir(), "edge-session-dev-"));
// Run as root, Postgres runs as its own user, which must be able to reach the data folder.
chmodSync(state, 0o755);
const started: ChildProcess[] = [];

type Dev = { child: ChildProcess; apiUrl: string; webUrl: string; ports: number[] };

/** Starts `node scripts/dev.ts` on free ports with its own data folder and .dev.vars. */
async function startDev(): Promise<Dev> {
  const ports = [await freePort(), await freePort(), await freePort()];
  const [api, web, admin] = ports;
  // The embedded database, on localhost: whatever the developer's shell says.
  const {
    DATABASE_URL: _url,
    DEV_DOMAIN: _domain,
    ...env
  } = toolEnv({
    API_PORT: String(api),
    WEB_PORT: String(web),
    ADMIN_PORT: String(admin),
    DEV_DATA_DIR: join(state, "postgres"),
    DEV_VARS_FILE: join(state, "dev.vars"),
  });
  const child = spawn(`${ROOT}node_modules/.bin/node`, ["scripts/dev.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    // wrangler's generated types mark the Worker's vars as required in ProcessEnv; they are not.
    env: env as NodeJS.ProcessEnv,
  });
  started.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev did not get ready:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready in")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`dev exited (${code}):\n${output}`)));
  });
  return { child, apiUrl: `http://localhost:${api}`, webUrl: `http://localhost:${web}`, ports };
}

function post(dev: Dev, path: string, body: unknown) {
  return fetch(`${dev.apiUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: dev.webUrl },
    body: JSON.stringify(body),
  });
}

afterAll(async () => {
  for (const child of started) {
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
      await new Promise((resolve) => child.once("exit", resolve));
    }
  }
  reapOrphans();
  rmSync(state, { recursive: true, force: true });
}, 60_000);

describe("npm run dev", () => {
  it("refuses to start with the example secret, naming the variable", async () => {
    const [api, web, admin] = [await freePort(), await freePort(), await freePort()];
    const vars = join(state, "bad.vars");
    writeFileSync(vars, "BETTER_AUTH_SECRET=replace-me-with-at-least-32-random-characters\n");
    const result = spawnSync(`${ROOT}node_modules/.bin/node`, ["scripts/dev.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        ...process.env,
        DEV_VARS_FILE: vars,
        API_PORT: `${api}`,
        WEB_PORT: `${web}`,
        ADMIN_PORT: `${admin}`,
      },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/BETTER_AUTH_SECRET/);
  });

  // Two full stack starts: generous on a loaded 2-core machine.
  it("keeps every user across a SIGKILL and stops what the killed run left behind", {
    timeout: 240_000,
  }, async () => {
    const first = await startDev();
    const user = {
      email: `kill-${Date.now()}@example.com`,
      password: "correct horse battery",
      name: "K",
    };
    expect((await post(first, "/api/auth/sign-up/email", user)).status).toBe(200);

    // SIGKILL: no handler runs, nothing is stopped, nothing is flushed by the script.
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));

    const second = await startDev();
    // The killed run's servers are gone, so its ports are free again.
    for (const port of first.ports.slice(0, 2)) expect(await portInUse(port)).toBe(false);
    const signIn = await post(second, "/api/auth/sign-in/email", {
      email: user.email,
      password: user.password,
    });
    expect(signIn.status).toBe(200);

    // SIGTERM stops the whole stack, leaving no process behind.
    second.child.kill("SIGTERM");
    await new Promise((resolve) => second.child.once("exit", resolve));
    for (const port of second.ports.slice(0, 2)) expect(await portInUse(port)).toBe(false);
  });
});
