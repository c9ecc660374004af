// Session events: one row each (the audit trail and the activity timeline) and one JSON log line.
import type { Services } from "../middleware/services";

export const EVENT_TYPES = [
  "created",
  "refreshed",
  "rotated",
  "reuse_detected",
  "binding_changed",
  "expired",
  "revoked",
  "signed_out",
  "evicted",
] as const;

export type SessionEventType = (typeof EVENT_TYPES)[number];

export type SessionEventInput = {
  type: SessionEventType;
  sessionId?: string | null;
  userId?: string | null;
  tokenHash?: string | null;
  ipAddress?: string | null;
  userAgent?: string | null;
  reason?: string | null;
  actor?: string | null;
};

/**
 * Records an event after the response: the write goes through waitUntil and never fails the
 * request (an outage loses the row, not the request; the log line is still written).
 */
export function recordEvent(services: Services, event: SessionEventInput) {
  const row = { id: crypto.randomUUID(), at: new Date(), ...event };
  logEvent(row);
  services.defer(services.prisma.sessionEvent.create({ data: row }));
}

/** The structured log line of an event (its row may be written elsewhere); never the token hash. */
export function logEvent(event: SessionEventInput & Record<string, unknown>) {
  console.log(
    JSON.stringify({ level: "info", msg: "session_event", ...event, tokenHash: undefined }),
  );
}
