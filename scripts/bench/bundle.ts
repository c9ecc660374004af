// The Worker's upload size as Cloudflare counts it: `wrangler deploy --dry-run` bundles offline and
// prints "Total Upload: X KiB / gzip: Y KiB"; nothing is uploaded.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, toolEnv } from "../lib/processes.ts";

export type BundleSize = { totalKiB: number; gzipKiB: number };

const TIMEOUT_MS = 120_000;

/** Reads the sizes from wrangler's dry-run output; undefined when the line is not there. */
export function parseBundleSize(output: string): BundleSize | undefined {
  const match = /Total Upload:\s*([\d.,]+)\s*KiB\s*\/\s*gzip:\s*([\d.,]+)\s*KiB/i.exec(output);
  if (!match?.[1] || !match[2]) return undefined;
  const number = (text: string) => Number(text.replaceAll(",", ""));
  return { totalKiB: number(match[1]), gzipKiB: number(match[2]) };
}

/**
 * Bundles the Worker of `configPath` (relative to the repository root) into a temporary folder,
 * for wrangler environment `env` when given (the product's production build is minified).
 */
export async function measureBundle(
  configPath: string,
  signal: AbortSignal,
  env?: string,
): Promise<BundleSize> {
  const outdir = await mkdtemp(join(tmpdir(), "edge-session-bundle-"));
  try {
    const output = await capture(
      "wrangler",
      [
        "deploy",
        "--dry-run",
        "--outdir",
        outdir,
        "--config",
        configPath,
        ...(env ? ["--env", env] : []),
      ],
      signal,
    );
    const size = parseBundleSize(output);
    if (!size) throw new Error(`no "Total Upload" line in wrangler's output for ${configPath}`);
    return size;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

/** Runs a tool in its own process group and returns its output; the group is killed on abort or timeout. */
function capture(command: string, args: string[], signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env: toolEnv(), detached: true });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const kill = () => {
      try {
        if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(kill, TIMEOUT_MS);
    signal.addEventListener("abort", kill, { once: true });
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", kill);
      if (code === 0) resolve(output);
      else
        reject(
          new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output.slice(-2000)}`),
        );
    });
  });
}
