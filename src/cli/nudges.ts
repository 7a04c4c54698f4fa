import type { App } from "../app.ts";
import { RateLimiter } from "../application/delivery/rate-limiter.ts";
import { queueNudges } from "../application/services/nudges.ts";
import { appDispatcher, appReach, channelAdapters } from "../serve.ts";

/**
 * `nudges run --now <ISO time>`: one pass of the scheduler at that clock — queue what is due,
 * then deliver through the channels this environment configures (the rest waits in the outbox for
 * the running bot).
 */
export async function runNudges(app: App): Promise<string> {
  const now = app.clock();
  const queued = await queueNudges(app.store, app.rulebook, now);
  const adapters = channelAdapters(app);
  const reach = await appReach(app, adapters);
  try {
    const sent =
      adapters.length || reach.email
        ? await appDispatcher(app, adapters, new RateLimiter(), reach).runOnce()
        : 0;
    return `Queued ${queued} nudges at ${now.toISOString()}; sent ${sent}.`;
  } finally {
    reach.close();
  }
}
