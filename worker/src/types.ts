import type { Auth } from "./auth";
import type { Services } from "./middleware/services";

/** The signed-in user and session, as better-auth returns them. */
export type SessionData = NonNullable<Awaited<ReturnType<Auth["api"]["getSession"]>>>;

/** The one Env generic threaded through Hono and every middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    services: Services;
    session: SessionData;
  };
};
