import type { App } from "../app.ts";
import { queueNudges } from "../dialogs/services/nudges.ts";
import { appDispatcher, channelCouriers } from "../serve.ts";

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
    const dispatcher = appDispatcher(app, couriers);
    sent = await dispatcher.runOnce();
  }
  return `Queued ${queued} nudges at ${now.toISOString()}; sent ${sent}.`;
}
