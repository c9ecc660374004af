// After the load: every ended session's token cookie is sent again, alone. The cache cookie is
// stripped on purpose: it may answer for up to SESSION_CACHE_SECONDS by design, and the check is
// about the session itself. /api/sessions reads the database on every request, /api/me may not.
import type { Client } from "./client.ts";
import type { Replay } from "./consistency.ts";
import type { SessionRecord } from "./journal.ts";

type ReplayTarget = { apiUrl: string };

/** Replays each session on both routes, `concurrency` requests at a time. */
export async function replayEnded(
  target: ReplayTarget,
  client: Client,
  sessions: readonly SessionRecord[],
  concurrency: number,
  signal: AbortSignal,
): Promise<Replay[]> {
  const jobs = sessions.flatMap((session) =>
    (["/api/me", "/api/sessions"] as const).map((path) => ({ session, path })),
  );
  const replays: Replay[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length && !signal.aborted) {
      const job = jobs[next++];
      if (!job) break;
      let status = 0;
      try {
        const response = await fetch(`${target.apiUrl}${job.path}`, {
          headers: client.headers(job.session, job.session.cookie, false),
          signal: AbortSignal.any([signal, AbortSignal.timeout(30_000)]),
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      replays.push({ session: job.session.id, path: job.path, status });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return replays;
}
