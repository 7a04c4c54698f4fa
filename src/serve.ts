import type { App } from "./app.ts";
import { StartupError } from "./app.ts";
import { createDispatcher, type Dispatcher } from "./application/delivery/dispatcher.ts";
import { RateLimiter } from "./application/delivery/rate-limiter.ts";
import { queueNudges } from "./application/services/nudges.ts";
import { runRetention } from "./application/services/retention.ts";
import type { ChannelAdapter, ChannelDeps } from "./bot/adapter.ts";
import { startHttpServer } from "./bot/http/server.ts";
import { createPipeline, type Pipeline } from "./bot/pipeline.ts";
import { type Reach, ReachConfigError, reachOf } from "./bot/reach.ts";
import type { SiteDeps } from "./web/site.ts";
import { SITES } from "./web/sites.ts";

/** The channels the configuration enables, built (not started), with what every channel gets. */
export function channelAdapters(app: App, extra: Partial<ChannelDeps> = {}): ChannelAdapter[] {
  const deps: ChannelDeps = {
    store: app.store,
    translator: app.translator,
    flows: app.flows,
    logger: app.logger,
    clock: app.clock,
    ...(app.config.PUBLIC_URL ? { publicUrl: app.config.PUBLIC_URL } : {}),
    ...extra,
  };
  return app.config.channels.map((channel) => channel.create(deps));
}

/** The ways to reach people outside a chat (e-mail, template messages), as the configuration sets them up. */
export async function appReach(app: App, adapters: readonly ChannelAdapter[]): Promise<Reach> {
  try {
    return await reachOf(app.config, adapters, app.logger, app.clock);
  } catch (error) {
    if (error instanceof ReachConfigError) throw new StartupError(error.message);
    throw error;
  }
}

/** The notifications dispatcher of the app, over the given channels, with the process's limiter. */
export function appDispatcher(
  app: App,
  adapters: ChannelAdapter[],
  limiter = new RateLimiter(),
  reach?: Reach,
): Dispatcher {
  return createDispatcher({
    policy: app.config.policy,
    windows: reach?.windows ?? {},
    ...(reach?.email ? { email: reach.email } : {}),
    ...(reach?.templates ? { templates: reach.templates, templateChannel: reach.templateChannel! } : {}),
    store: app.store,
    couriers: adapters,
    translator: app.translator,
    rulebook: app.rulebook,
    tree: app.tree,
    limiter,
    clock: app.clock,
    logger: app.logger,
  });
}

/** What every web application gets. */
export function siteDeps(app: App, adapters: ChannelAdapter[], afterChange: () => void): SiteDeps {
  const miniApps = app.config.channels.flatMap((c) =>
    c.miniAppKey ? [{ channel: c.name, key: c.miniAppKey }] : [],
  );
  return {
    store: app.store,
    translator: app.translator,
    rulebook: app.rulebook,
    tree: app.tree,
    logger: app.logger,
    clock: app.clock,
    ...(app.config.PUBLIC_URL ? { publicUrl: app.config.PUBLIC_URL } : {}),
    adapters,
    afterChange,
    miniApps,
  };
}

export interface Serving {
  adapters: ChannelAdapter[];
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  /** The HTTP server's address. */
  url: string;
  /** Resolves when an interactive channel ends (a terminal's input closed). */
  finished: Promise<void>;
  stop(): Promise<void>;
}

/** The retention pass runs daily. */
const RETENTION_MS = 86_400_000;
const SCHEDULER_MS = 60_000;

/**
 * Serving the configured channels: the HTTP server (webhooks, /healthz, /readyz), every channel of
 * the configuration behind the one pipeline, the notifications dispatcher and the nudge
 * scheduler. Nothing here knows one channel from another.
 */
export interface ServeOptions {
  /** The pipeline's clock (real time): retries and dedupe windows (tests make time jump). */
  clock?: () => Date;
}

export async function serve(
  app: App,
  adapters = channelAdapters(app),
  options: ServeOptions = {},
): Promise<Serving> {
  const { config, logger } = app;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse())
      await stop().catch((error) => logger.warn("stopping failed", { error }));
  };
  const reach = await appReach(app, adapters);
  stops.push(async () => reach.close());
  const dispatcher = appDispatcher(app, adapters, new RateLimiter(), reach);
  const { RATE_LIMIT_PER_SECOND: perSecond, RATE_LIMIT_BURST: burst } = config;
  const pipeline = createPipeline({
    store: app.store,
    runner: app.runner,
    logger,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(perSecond > 0 && burst > 0 ? { rateLimit: { perSecond, burst } } : {}),
    afterCommit: () => dispatcher.kick(),
  });
  try {
    for (const adapter of adapters) pipeline.attach(adapter);
    const server = await startHttpServer({
      host: config.HTTP_HOST,
      port: config.HTTP_PORT,
      routes: adapters.flatMap((a) => a.routes),
      mounts: SITES.map((site) => site.create(siteDeps(app, adapters, () => dispatcher.kick()))),
      ...(config.PUBLIC_URL ? { publicOrigin: new URL(config.PUBLIC_URL).origin } : {}),
      ready: async () => (await app.store.org.count()) > 0,
      logger,
      trustProxy: config.TRUST_PROXY,
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE" && error.code !== "EACCES") throw error;
      throw new StartupError(
        `HTTP_PORT: cannot listen on ${config.HTTP_HOST}:${config.HTTP_PORT} (${error.code}); set HTTP_PORT to a free port (0 picks one)`,
      );
    });
    stops.push(() => server.close());
    logger.info("http server listening", { url: server.url });

    stops.push(() => pipeline.stop());
    for (const adapter of adapters) {
      await adapter.start(pipeline).catch((error: Error) => {
        throw new StartupError(`${adapter.channel}: cannot start: ${error.message}`);
      });
      stops.push(() => adapter.stop());
    }
    pipeline.start();

    dispatcher.start();
    stops.push(() => dispatcher.stop());
    /** A periodic task: once now, then every `ms`; a failure is logged and the next run tries again. */
    const every = (ms: number, failed: string, task: () => Promise<void>) => {
      const run = () => task().catch((error) => logger.error(failed, { error }));
      void run();
      const timer = setInterval(run, ms);
      timer.unref();
      stops.push(async () => clearInterval(timer));
    };
    // The deadline nudges, every minute.
    every(SCHEDULER_MS, "nudge scheduling failed", async () => {
      if ((await queueNudges(app.store, app.rulebook, app.clock())) > 0) dispatcher.kick();
    });
    // The retention rules, daily: old drafts, sessions, processed updates, payloads.
    every(RETENTION_MS, "retention pass failed", async () => {
      const pass = await runRetention(app.store, app.rulebook, app.clock());
      if (pass.reminded > 0) dispatcher.kick();
      if (Object.values(pass).some((n) => n > 0)) logger.info("retention pass", { ...pass });
    });

    const interactive = adapters.flatMap((a) => (a.finished ? [a.finished] : []));
    return {
      adapters,
      pipeline,
      dispatcher,
      url: server.url,
      finished: interactive.length
        ? Promise.all(interactive).then(() => pipeline.idle())
        : new Promise(() => {}),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
