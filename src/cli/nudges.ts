import type { App } from "../app.ts";
import { queueNudges } from "../application/services/nudges.ts";
import { appDispatcher, channelAdapters } from "../serve.ts";

/**
 * `nudges run --now <ISO time>`: one pass of the scheduler at that clock — queue what is due,
 * then deliver through the channels this environment configures (the rest waits in the outbox for
 * the running bot).
 */
export async function runNudges(app: App): Promise<string> {
  const now = app.clock();
  const queued = await queueNudges(app.store, app.rulebook, now);
  const adapters = channelAdapters(app);
  const sent = adapters.length ? await appDispatcher(app, adapters).runOnce() : 0;
  return `Queued ${queued} nudges at ${now.toISOString()}; sent ${sent}.`;
}
