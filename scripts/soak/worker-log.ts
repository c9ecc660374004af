// The Worker's output during a soak goes to a log file, not the terminal: a minute of load writes
// thousands of lines. startStack can print a child's output (each line prefixed "[api] ") or drop
// it; this takes the printed lines that carry the prefix and writes them to the file (as well as
// to the terminal when asked to echo them).
import { createWriteStream, readFileSync } from "node:fs";
import { stripVTControlCharacters } from "node:util";

export type WorkerLog = {
  path: string;
  /** Resolves once every line diverted so far is in the file. */
  flush: () => Promise<void>;
  /** Puts the terminal back and flushes the file. */
  close: () => Promise<void>;
};

type Write = typeof process.stdout.write;

/** Diverts lines starting with `prefix` from this process's stdout and stderr into `path`. */
export function divertToLog(prefix: string, path: string, options: { echo: boolean }): WorkerLog {
  const file = createWriteStream(path, { flags: "a", mode: 0o600 });
  const streams = [process.stdout, process.stderr];
  const originals = streams.map((stream) => stream.write);
  for (const [index, stream] of streams.entries()) {
    const original = originals[index] as Write;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (typeof chunk === "string" && chunk.startsWith(prefix)) {
        file.write(chunk);
        if (!options.echo) return true;
      }
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    }) as Write;
  }
  let closed: Promise<void> | undefined;
  return {
    path,
    // Writes complete in order: once this empty one is done, all before it are.
    flush: () => new Promise<void>((resolve) => file.write("", () => resolve())),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        streams.forEach((stream, index) => {
          stream.write = originals[index] as Write;
        });
        file.end(() => resolve());
      });
      return closed;
    },
  };
}

/**
 * The last `count` lines of the log (from character `from` on), and its first `count` error lines
 * (expected 401s only warn).
 */
export function logExcerpt(
  path: string,
  count: number,
  from = 0,
): { tail: string[]; problems: string[] } {
  let lines: string[];
  try {
    // wrangler colours its output; the excerpt is printed wherever the soak's output goes.
    lines = stripVTControlCharacters(readFileSync(path, "utf8").slice(from))
      .split("\n")
      .filter(Boolean);
  } catch {
    return { tail: [], problems: [] };
  }
  const problems = lines
    .filter((line) => /"level":"error"|\[ERROR\]|✘|Uncaught/.test(line))
    .slice(0, count);
  return { tail: lines.slice(-count), problems };
}
