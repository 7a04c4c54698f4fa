import type { App } from "../app.ts";
import { createDispatcher } from "../bot/dispatcher.ts";
import { RateLimiter } from "../bot/rate-limiter.ts";
import { queueNudges } from "../dialogs/services/nudges.ts";
import { channelCouriers } from "../serve.ts";

/**
 * `nudges run --now <ISO time>`: one pass of the scheduler at that clock — queue what is due,
 * then deliver through the channels this environment configures (the rest waits in the outbox for
 * the running bot).
 */
export async function runNudges(app: App): Promise<string> {
  const now = app.clock();
  const queued = await queueNudges(app.store, app.rulebook, now);
  const couriers = channelCouriers(app);
  let sent = 0;
  if (couriers.length) {
    const dispatcher = createDispatcher({
      store: app.store,
      couriers,
      translator: app.translator,
      rulebook: app.rulebook,
      tree: app.tree,
      limiter: new RateLimiter(),
      clock: app.clock,
      logger: app.logger,
    });
    sent = await dispatcher.runOnce();
  }
  return `Queued ${queued} nudges at ${now.toISOString()}; sent ${sent}.`;
}
