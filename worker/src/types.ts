import type { Services } from "./middleware/services";
import type { SessionResult } from "./sessions/check";

/** The one Env generic threaded through Hono and every middleware. */
export type AppEnv = {
  Bindings: Env;
  Variables: {
    services: Services;
    session: SessionResult;
    /** The parsed JSON body of a state-changing request (see the json-body middleware). */
    body: Record<string, unknown>;
  };
};
