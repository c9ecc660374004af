// `npm run soak`: starts its own stack (fresh database, the API Worker under `wrangler dev` on a
// free port), drives a mixed load from many simulated users on several devices each for
// SOAK_SECONDS (default 60), then checks the database and the API against what the clients did.
// Prints throughput, latency, 4xx by route and reason, and the checks; exits 1 on any
// inconsistency or 5xx. Stops everything it started, also on failure, Ctrl-C and SIGTERM.
import { availableParallelism, loadavg } from "node:os";
import { Client } from "./client.ts";
import { analyse, consistencyChecks } from "./consistency.ts";
import { readDatabase } from "./database.ts";
import { Journal } from "./journal.ts";
import { type LoadContext, newRunId, runVirtualUser } from "./load.ts";
import { replayEnded } from "./replay.ts";
import {
  checkLines,
  clientErrorLines,
  notableSuccessLines,
  table,
  throughputLines,
} from "./report.ts";
import { readSettings } from "./settings.ts";
import { SOAK_VARS, SoakStack } from "./stack.ts";
import { logExcerpt } from "./worker-log.ts";

const settings = readSettings(process.env);
const log = (line = "") => console.log(line);
const controller = new AbortController();
const stack = new SoakStack({ verbose: settings.verbose });
let keepLog = false;

// The soak's Worker must use the soak's database and secret, never a developer's: the shell's
// values would reach wrangler through the environment.
// (wrangler's generated types declare these on ProcessEnv as always set, hence the widening.)
const shellEnv: Record<string, string | undefined> = process.env;
delete shellEnv.DATABASE_URL;
delete shellEnv.BETTER_AUTH_SECRET;

function exitAfterCleanup(code: number) {
  controller.abort();
  void stack.stop({ keepLog }).finally(() => process.exit(code));
}
for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping everything the soak started.`);
    exitAfterCleanup(code);
  });
}
// A run that hangs (a Worker that never answers) still ends, and still cleans up.
setTimeout(() => {
  console.error(`The soak took longer than ${settings.limitSeconds} s; stopping.`);
  exitAfterCleanup(1);
}, settings.limitSeconds * 1000).unref();

async function main(): Promise<number> {
  log(
    `Soak: ${settings.seconds} s of mixed load from ${settings.users} virtual users ` +
      "(2–3 devices each), on a fresh database and the API Worker under wrangler dev.",
  );
  log(
    `Worker vars: ${Object.entries(SOAK_VARS)
      .map(([key, value]) => `${key}=${value}`)
      .join(" ")} — all soak traffic comes from one IP, which the per-IP ` +
      "sign-in/sign-up limit would otherwise refuse.",
  );
  // Figures depend on what else runs: say how busy the machine was.
  const machine = () =>
    `${availableParallelism()} cores, load average ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")}`;
  log(`Machine: ${machine()}.`);
  const started = performance.now();
  const running = await stack.start();
  log(
    `Stack ready in ${((performance.now() - started) / 1000).toFixed(1)} s: API ${running.apiUrl}, ` +
      `origin ${running.origin}, Worker log ${running.logPath}` +
      `${settings.verbose ? " (and printed: SOAK_VERBOSE)" : ""}.`,
  );

  const journal = new Journal();
  const client = new Client(running, journal, controller.signal);
  const loadStart = client.now();
  const deadline = loadStart + settings.seconds * 1000;
  const ctx: LoadContext = {
    client,
    journal,
    runId: newRunId(),
    over: () => client.now() >= deadline,
  };
  const progress = setInterval(() => {
    const { records } = journal;
    const seconds = (client.now() - loadStart) / 1000;
    const errors = records.filter((record) => record.status >= 500 || record.status === 0).length;
    log(
      `  ${seconds.toFixed(0).padStart(4)} s: ${records.length.toLocaleString("en-US")} requests ` +
        `(${(records.length / seconds).toFixed(0)}/s), ${errors} 5xx or unanswered`,
    );
  }, 10_000);
  try {
    await Promise.all(
      Array.from({ length: settings.users }, (_, index) => runVirtualUser(ctx, index)),
    );
  } finally {
    clearInterval(progress);
  }
  // Interrupted: the signal handler is already stopping everything; report nothing.
  if (controller.signal.aborted) return new Promise<number>(() => {});
  const loadSeconds = (client.now() - loadStart) / 1000;
  log(`Load done after ${loadSeconds.toFixed(1)} s. Machine: ${machine()}.`);

  const analysis = analyse(journal);
  log(`Replaying ${analysis.ended.length} ended sessions' cookies (no cache cookie)…`);
  const replays = await replayEnded(
    running,
    client,
    analysis.ended,
    settings.users,
    controller.signal,
  );
  const database = await readDatabase(running.databaseUrl, {
    sessionIds: [...analysis.ended.map((session) => session.id), ...analysis.live],
    tokens: analysis.ended.map((session) => session.token),
  });
  const results = consistencyChecks(journal, analysis, database, replays);

  log();
  log(
    `Throughput: ${journal.records.length.toLocaleString("en-US")} requests in ` +
      `${loadSeconds.toFixed(1)} s = ${(journal.records.length / loadSeconds).toFixed(1)} req/s ` +
      `(latency from send to last byte, in ms)`,
  );
  for (const line of throughputLines(journal.records, loadSeconds)) log(`  ${line}`);
  log();
  log("4xx by route, status and code:");
  for (const line of clientErrorLines(journal.records, analysis.verdicts)) log(line);
  const notable = notableSuccessLines(journal.records, analysis.verdicts);
  if (notable.length > 0) {
    log("2xx for an ended session:");
    for (const line of notable) log(line);
  }
  log();
  log(
    `Sessions: ${journal.sessions.length} created and tracked, ${analysis.ended.length} ended ` +
      `by the clients, ${analysis.live.length} still held. Users: ${database.userEmails.length}.`,
  );
  log("Session events in the database:");
  for (const line of table([
    ["type", "count"],
    ...database.events.map((event) => [event.type, String(event.count)]),
  ]))
    log(`  ${line}`);
  log();
  log("Consistency checks:");
  for (const line of checkLines(results)) log(line);

  const failed = results.some((result) => !result.passed);
  if (failed) await printWorkerLog();
  return failed ? 1 : 0;
}

/** On failure: keep the Worker's log and print its errors and its tail (unless it was printed). */
async function printWorkerLog() {
  keepLog = true;
  const path = stack.logPath;
  if (!path) return;
  await stack.flushLog();
  if (settings.verbose) {
    log(`Worker log: ${path}`);
    return;
  }
  const { tail, problems } = logExcerpt(path, 40);
  log();
  log(`Worker errors (first ${problems.length}):`);
  for (const line of problems) log(`  ${line}`);
  log(`Worker log, last ${tail.length} lines (all of it: ${path}):`);
  for (const line of tail) log(`  ${line}`);
}

main().then(
  (code) => exitAfterCleanup(code),
  async (error) => {
    if (controller.signal.aborted) return;
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await printWorkerLog().catch(() => {});
    exitAfterCleanup(1);
  },
);
