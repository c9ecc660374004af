// Child processes for the dev stack, tests and benchmarks: each in its own process group so that
// stopping it also stops what it spawned (wrangler's workerd, vite's esbuild), and nothing else.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = `${ROOT}node_modules/.bin`;

/** Env for child tools: the project's Node 22 and binaries first, Wrangler kept offline and quiet. */
export function toolEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${BIN}:${process.env.PATH ?? ""}`,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    ...extra,
  };
}

export type Managed = {
  child: ChildProcess;
  name: string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM to the whole group, SIGKILL after a grace period; resolves once it is gone. */
  stop: () => Promise<void>;
};

type StartOptions = {
  env?: NodeJS.ProcessEnv;
  /** Where output goes: "inherit" prints it with a name prefix, "ignore" drops it. */
  output?: "prefix" | "ignore";
};

// Every process started here and not yet exited, so a signal handler can stop them all.
const running = new Set<Managed>();

// Each started process group is recorded here (with the pid of the script that owns it) until it
// exits, so that a later run can end what a killed run (SIGKILL, a crash) left behind.
const REGISTRY = `${ROOT}.dev/processes`;

type Registration = { owner: number; name: string; command: string };

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandLine(pid: number) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

/**
 * Ends the process groups that a run which no longer exists started and left running. Only
 * groups recorded here whose owner is dead, and only while the pid still runs the recorded
 * command (a reused pid is someone else's): nothing this project did not start is touched.
 */
export function reapOrphans(): string[] {
  let entries: string[];
  try {
    entries = readdirSync(REGISTRY);
  } catch {
    return [];
  }
  const reaped: string[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    const file = `${REGISTRY}/${entry}`;
    let record: Registration;
    try {
      record = JSON.parse(readFileSync(file, "utf8")) as Registration;
    } catch {
      rmSync(file, { force: true });
      continue;
    }
    if (alive(record.owner)) continue;
    if (Number.isInteger(pid) && alive(pid) && commandLine(pid).includes(record.command)) {
      try {
        process.kill(-pid, "SIGKILL");
        reaped.push(`${record.name} (pid ${pid})`);
      } catch {
        // already gone
      }
    }
    rmSync(file, { force: true });
  }
  return reaped;
}

/** Stops every process this module started that is still running. */
export async function stopAll() {
  await Promise.allSettled([...running].map((managed) => managed.stop()));
}

/** Starts a tool from node_modules/.bin (or any command) in its own process group. */
export function start(name: string, command: string, args: string[], options: StartOptions = {}) {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: options.env ?? toolEnv(),
    detached: true,
    stdio: [
      "ignore",
      options.output === "ignore" ? "ignore" : "pipe",
      options.output === "ignore" ? "ignore" : "pipe",
    ],
  });
  if (options.output !== "ignore") {
    const prefix = (chunk: Buffer) =>
      chunk
        .toString()
        .split("\n")
        .filter((line) => line.trim() !== "")
        .map((line) => `[${name}] ${line}\n`)
        .join("");
    child.stdout?.on("data", (chunk: Buffer) => process.stdout.write(prefix(chunk)));
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(prefix(chunk)));
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    signalGroup("SIGTERM");
    const timeout = setTimeout(() => signalGroup("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timeout);
    // The group leader may exit before its children: make sure none is left.
    signalGroup("SIGKILL");
  };
  const managed: Managed = { child, name, exited, stop };
  running.add(managed);
  const record = child.pid ? `${REGISTRY}/${child.pid}` : undefined;
  if (record) {
    mkdirSync(REGISTRY, { recursive: true });
    writeFileSync(record, JSON.stringify({ owner: process.pid, name, command }));
  }
  exited.then(() => {
    running.delete(managed);
    if (record) rmSync(record, { force: true });
  });
  return managed;
}

/** Polls a URL until it answers (any HTTP status), or fails after `timeoutMs`. */
export async function waitForUrl(url: string, timeoutMs = 60_000, process?: Managed) {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  process?.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined)
      throw new Error(`${process?.name} exited (code ${exitCode}) before ${url} answered`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
