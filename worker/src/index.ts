// The composition root: the Worker's entry points.
import { createApp } from "./app";
import { loadConfig } from "./env";
import { Services } from "./middleware/services";
import { cleanup } from "./sessions/cleanup";

const app = createApp();

export default {
  fetch: app.fetch,
  /** The Cron Trigger: deletes expired sessions, verifications and rate-limit counters. */
  async scheduled(_controller, env, ctx) {
    const services = new Services(loadConfig(env));
    try {
      await cleanup(services);
    } finally {
      ctx.waitUntil(services.dispose());
    }
  },
} satisfies ExportedHandler<Env>;
