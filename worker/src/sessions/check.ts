// The session check: the hot path, run on every authenticated request. It answers from the signed
// cache cookie when it can (no database), else with one query for session and user together, and
// applies the product's policies: absolute lifetime, binding, rotation with reuse detection,
// sliding expiry.
import type { Context } from "hono";
import { ApiError } from "../errors";
import type { AppEnv } from "../types";
import { bindingChanges, type ClientInfo } from "./binding";
import { readSessionCache, writeSessionCache } from "./cache";
import {
  clearSessionCookies,
  hasSessionCookie,
  readSessionToken,
  writeSessionToken,
} from "./cookies";
import { recordEvent, type SessionEventInput } from "./events";
import { generateToken, hashToken } from "./tokens";
import { type SessionView, sessionView, type UserView, userView } from "./view";

export type SessionResult = { session: SessionView; user: UserView };

/** Why a presented session is refused; each is a distinct `code` in the 401 body. */
export type RejectCode =
  | "invalid_token"
  | "session_not_found"
  | "session_expired"
  | "session_revoked"
  | "session_binding_mismatch";

const MESSAGES: Record<RejectCode, string> = {
  invalid_token: "The session cookie is not valid.",
  session_not_found: "This session does not exist.",
  session_expired: "Your session expired. Sign in again.",
  session_revoked: "This session was signed out or revoked.",
  session_binding_mismatch: "This session was used from another network or device. Sign in again.",
};

// lastActiveAt is written at most this often on reads: device lists need minutes, not milliseconds.
const TOUCH_AFTER_MS = 5 * 60 * 1000;

/** The request's client, as Cloudflare reports it (cf-connecting-ip is set by the edge, not the client). */
function clientOf(c: Context<AppEnv>): ClientInfo {
  const cf = c.req.raw.cf as { asn?: unknown; country?: unknown } | undefined;
  return {
    ip: c.req.header("cf-connecting-ip") ?? null,
    userAgent: c.req.header("user-agent") ?? null,
    asn: typeof cf?.asn === "number" ? cf.asn : null,
    country: typeof cf?.country === "string" ? cf.country : null,
  };
}

/**
 * Checks the session cookie on the server. Returns null when the request carries no session
 * cookie; throws a 401 ApiError (and clears the cookies) when it carries one that is refused.
 */
export async function checkSession(
  c: Context<AppEnv>,
  options: {
    /** Always read the database (routes that read or change security state). */
    bypassCache?: boolean;
    /** Validate only: no rotation, refresh or cookie on success (another handler answers). */
    readOnly?: boolean;
  } = {},
): Promise<SessionResult | null> {
  const services = c.var.services;
  const config = services.config;
  if (!hasSessionCookie(c)) return null;
  const client = clientOf(c);
  const reject = (code: RejectCode, event?: SessionEventInput): never => {
    clearSessionCookies(c, config);
    if (event) recordEvent(services, event);
    console.warn(
      JSON.stringify({
        level: "warn",
        msg: "session_rejected",
        code,
        reason: event?.reason,
        ip: client.ip,
      }),
    );
    throw new ApiError(401, code, MESSAGES[code]);
  };

  const token = await readSessionToken(c, config);
  if (!token) return reject("invalid_token");
  const now = Date.now();

  const cached = options.bypassCache ? null : await readSessionCache(c, config, token);
  if (cached === false) return reject("invalid_token");
  if (
    cached &&
    new Date(cached.session.expiresAt).getTime() > now &&
    now - cached.rotatedAt < config.SESSION_ROTATE_AFTER * 1000 &&
    !refreshDue(new Date(cached.session.expiresAt).getTime(), now, config) &&
    (config.SESSION_BINDING === "off" ||
      bindingChanges({ ...cached.session, asn: cached.asn, country: cached.country }, client)
        .length === 0)
  ) {
    return { session: cached.session, user: cached.user };
  }

  // One round trip: the session by its current or previous token, with its user.
  const prisma = services.prisma;
  const row = await prisma.session.findFirst({
    where: { OR: [{ token }, { previousToken: token }] },
    include: { user: true },
  });
  const base = { ipAddress: client.ip, userAgent: client.userAgent };
  if (!row) return reject(await whyEnded(c, token));
  const about = {
    ...base,
    sessionId: row.id,
    userId: row.userId,
    tokenHash: await hashToken(row.token),
  };
  const end = async (code: RejectCode, event: SessionEventInput) => {
    await prisma.session.deleteMany({ where: { id: row.id } });
    return reject(code, event);
  };

  const currentToken = row.token;
  // A lagging tab that sent the replaced token gets the current one back.
  let sendToken = currentToken !== token;
  if (row.previousToken === token) {
    // A replaced token: fine within the grace window (tabs racing a rotation), theft after it.
    if (now - row.rotatedAt.getTime() > config.SESSION_ROTATION_GRACE * 1000) {
      return end("session_revoked", {
        ...about,
        type: "reuse_detected",
        reason: "a rotated-out token was used after the grace window",
        actor: "system",
      });
    }
  }
  if (row.expiresAt.getTime() <= now) {
    return end("session_expired", {
      ...about,
      type: "expired",
      reason: "idle timeout",
      actor: "system",
    });
  }
  if (row.createdAt.getTime() + config.SESSION_MAX_AGE * 1000 <= now) {
    return end("session_expired", {
      ...about,
      type: "expired",
      reason: "absolute lifetime reached",
      actor: "system",
    });
  }

  const changes = config.SESSION_BINDING === "off" ? [] : bindingChanges(row, client);
  if (changes.length > 0) {
    const reason = changes.join("; ");
    if (config.SESSION_BINDING === "strict") {
      return end("session_binding_mismatch", {
        ...about,
        type: "binding_changed",
        reason: `${reason} (strict: revoked)`,
        actor: "system",
      });
    }
    recordEvent(services, { ...about, type: "binding_changed", reason });
  }

  if (options.readOnly) return { session: sessionView(row), user: userView(row.user) };

  let expiresAt = row.expiresAt;
  const rotateDue =
    row.previousToken !== token &&
    now - row.rotatedAt.getTime() >= config.SESSION_ROTATE_AFTER * 1000;
  const refresh = refreshDue(row.expiresAt.getTime(), now, config);
  const bound =
    changes.length > 0
      ? {
          ipAddress: client.ip,
          userAgent: client.userAgent,
          asn: client.asn ?? row.asn,
          country: client.country ?? row.country,
        }
      : {};
  let rotatedAt = row.rotatedAt;
  let issued = currentToken;
  if (rotateDue || refresh) {
    const newExpiry = nextExpiry(row.createdAt.getTime(), now, config);
    const newToken = rotateDue ? generateToken() : row.token;
    // Conditional on the token we read: of many concurrent requests exactly one rotates.
    const { count } = await prisma.session.updateMany({
      where: { id: row.id, token: row.token },
      data: {
        expiresAt: newExpiry,
        lastActiveAt: new Date(now),
        updatedAt: new Date(now),
        ...(rotateDue
          ? { token: newToken, previousToken: row.token, rotatedAt: new Date(now) }
          : {}),
        ...bound,
      },
    });
    // count 0: a concurrent request rotated first; its response carries the new cookie, and this
    // one must not overwrite it with the old token.
    if (count === 1) {
      expiresAt = newExpiry;
      sendToken = true;
      if (rotateDue) {
        issued = newToken;
        rotatedAt = new Date(now);
        recordEvent(services, {
          ...about,
          type: "rotated",
          reason: `token older than ${config.SESSION_ROTATE_AFTER} s`,
        });
      }
      if (refresh)
        recordEvent(services, {
          ...about,
          type: "refreshed",
          reason: `expiry moved to ${newExpiry.toISOString()}`,
        });
    }
  } else if (changes.length > 0 || now - row.lastActiveAt.getTime() > TOUCH_AFTER_MS) {
    services.defer(
      prisma.session.updateMany({
        where: { id: row.id },
        data: { lastActiveAt: new Date(now), ...bound },
      }),
    );
  }

  // After a logged binding change the session is bound to the client as it is now.
  const current = { ...row, expiresAt, ...bound };
  const session = sessionView(current);
  const user = userView(row.user);
  if (sendToken) {
    await writeSessionToken(
      c,
      config,
      issued,
      Math.max(1, Math.floor((expiresAt.getTime() - now) / 1000)),
    );
  }
  // The cache is bound to the token the browser will hold after this response.
  await writeSessionCache(c, config, sendToken ? issued : token, {
    session,
    user,
    rotatedAt: rotatedAt.getTime(),
    asn: current.asn,
    country: current.country,
  });
  return { session, user };
}

/** Sliding expiry: push the expiry forward once per SESSION_UPDATE_AGE, never past the absolute cap. */
function refreshDue(
  expiresAt: number,
  now: number,
  config: AppEnv["Variables"]["services"]["config"],
) {
  return expiresAt - config.SESSION_EXPIRES_IN * 1000 + config.SESSION_UPDATE_AGE * 1000 <= now;
}

function nextExpiry(
  createdAt: number,
  now: number,
  config: AppEnv["Variables"]["services"]["config"],
) {
  return new Date(
    Math.min(now + config.SESSION_EXPIRES_IN * 1000, createdAt + config.SESSION_MAX_AGE * 1000),
  );
}

/** For a token with no session: was it ended (and how), or never known? Only on this failure path. */
async function whyEnded(c: Context<AppEnv>, token: string): Promise<RejectCode> {
  const ended = await c.var.services.prisma.sessionEvent.findFirst({
    where: { tokenHash: await hashToken(token) },
    orderBy: { at: "desc" },
    select: { type: true },
  });
  if (!ended) return "session_not_found";
  return ended.type === "expired" ? "session_expired" : "session_revoked";
}
