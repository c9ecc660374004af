// The product's own API routes (`/api/sessions`, …), beside better-auth's `/api/auth/*`.
import { authClient } from "./auth-client";

/** A failed call to the API, in the same shape as a better-auth client error. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** One signed-in device, as `GET /api/sessions` describes it (never its token). */
export type DeviceSession = {
  id: string;
  current: boolean;
  browser: string | null;
  os: string | null;
  ipAddress: string | null;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
};

export type ActivityType =
  | "created"
  | "refreshed"
  | "rotated"
  | "reuse_detected"
  | "binding_changed"
  | "expired"
  | "revoked"
  | "signed_out"
  | "evicted";

/** One entry of the session activity log. */
export type ActivityEvent = {
  id: string;
  type: ActivityType | (string & {});
  at: string;
  sessionId: string | null;
  ipAddress: string | null;
  userAgent: string | null;
  reason: string | null;
};

export type ActivityPage = { events: ActivityEvent[]; nextCursor: string | null };

// The last 401 code an API route sent, so the app can say *why* the session ended.
let lastRejection: { code: string; at: number } | undefined;
const REJECTION_TTL_MS = 30_000;

/** The code of a 401 seen in the last few seconds (e.g. `session_revoked`), if any. */
export function recentRejection(): string | undefined {
  if (!lastRejection || Date.now() - lastRejection.at > REJECTION_TTL_MS) return undefined;
  return lastRejection.code;
}

/** Calls an API route with the session cookie; throws `ApiError` on any failure. */
export async function apiFetch<T>(
  path: string,
  init: RequestInit = {},
  /** Tell the session store about a 401 (off for the call that explains a 401 it already saw). */
  { reportRejection = true } = {},
): Promise<T> {
  const url = new URL(path, import.meta.env.VITE_SERVER_URL);
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      // The API is on another origin: the cookie travels only with credentials.
      credentials: "include",
      headers: {
        accept: "application/json",
        ...(init.body ? { "content-type": "application/json" } : {}),
      },
    });
  } catch {
    throw new ApiError(0, undefined, "The server is unreachable right now");
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
    const code = typeof error?.code === "string" ? error.code : undefined;
    const message = typeof error?.message === "string" ? error.message : "";
    if (response.status === 401 && reportRejection) {
      lastRejection = { code: code ?? "unauthenticated", at: Date.now() };
      // The session ended: have the session store find out now rather than at the next poll.
      authClient.$store.notify("$sessionSignal");
    }
    throw new ApiError(response.status, code, message || `Request failed (${response.status})`);
  }
  return body as T;
}

/** POSTs a JSON body to an API route. */
export function apiPost<T>(path: string, body: unknown): Promise<T> {
  return apiFetch<T>(path, { method: "POST", body: JSON.stringify(body) });
}

/**
 * Asks the API why the cookie no longer works: `session_revoked`, `session_expired`, … — or
 * undefined when it cannot say (no cookie left, server unreachable, or the session is fine).
 */
export async function probeSessionEnd(): Promise<string | undefined> {
  try {
    await apiFetch("/api/me", {}, { reportRejection: false });
    return undefined;
  } catch (error) {
    return error instanceof ApiError && error.status === 401 ? error.code : undefined;
  }
}
