import type { Courier } from "../../src/application/delivery/courier.ts";
import { createDispatcher } from "../../src/application/delivery/dispatcher.ts";
import { RateLimiter } from "../../src/application/delivery/rate-limiter.ts";
import type { Translator } from "../../src/application/i18n.ts";
import { createLogger } from "../../src/application/logger.ts";
import type { IncomingUpdate, RunHooks, Runner, RunnerOutput } from "../../src/application/runner.ts";
import { type Route, startHttpServer } from "../../src/bot/http/server.ts";
import type { OrgTree } from "../../src/domain/org.ts";
import type { Store } from "../../src/domain/ports.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";

export const silent = createLogger("silent");

/** The one HTTP server with the given routes, on a free loopback port. */
export function serve(routes: Route[]) {
  return startHttpServer({ host: "127.0.0.1", port: 0, routes, ready: async () => true, logger: silent });
}

/** Keys of a nested locale object, dotted. */
export const keys = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

/** The notifications dispatcher over the given couriers, on a test app's store and clock. */
export function dispatcherFor(
  a: { store: Store; translator: Translator; rulebook: Rulebook; tree: OrgTree; clock: () => Date },
  couriers: Courier[],
  translator: Translator = a.translator,
) {
  return createDispatcher({
    store: a.store,
    couriers,
    translator,
    rulebook: a.rulebook,
    tree: a.tree,
    limiter: new RateLimiter({ perChatMs: 0, perSecond: 1000 }),
    clock: a.clock,
    logger: silent,
  });
}

/** A runner in front of another, recording the updates it got and what the runner answered. */
export function recordingRunner(runner: Pick<Runner, "handle">) {
  const seen: IncomingUpdate[] = [];
  const outputs: RunnerOutput[] = [];
  return {
    seen,
    outputs,
    async handle(update: IncomingUpdate, hooks?: RunHooks) {
      seen.push(update);
      const output = await runner.handle(update, hooks);
      outputs.push(output);
      return output;
    },
  };
}

/** Resolves once `condition` holds (checked every 10 ms), or fails after `ms`. */
export async function until(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
