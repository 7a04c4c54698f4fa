import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach } from "vitest";
import { createTranslator, type Translator } from "../../src/application/i18n.ts";
import { createLogger } from "../../src/application/logger.ts";
import { createRunner, type IncomingUpdate, type Runner } from "../../src/application/runner.ts";
import type { ServiceContext } from "../../src/application/services/submissions.ts";
import { createPipeline, type Pipeline } from "../../src/bot/pipeline.ts";
import type { FlowRegistry } from "../../src/dialogs/flow.ts";
import { defaultFlows } from "../../src/dialogs/flows/index.ts";
import type { OrgTree } from "../../src/domain/org.ts";
import type { Store } from "../../src/domain/ports.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import { type DatabaseKind, useStore } from "../storage/databases.ts";
import { demoTree, threeTier, vn } from "./fixtures.ts";
import { createTestChannel, type TestChannel } from "./test-channel.ts";

/** A settable clock for tests. */
export function testClock(start: Date) {
  let now = start;
  const clock = () => now;
  clock.set = (at: Date) => {
    now = at;
  };
  return clock;
}

export interface TestApp {
  store: Store;
  runner: Runner;
  tree: OrgTree;
  rulebook: Rulebook;
  translator: Translator;
  flows: FlowRegistry;
  clock: ReturnType<typeof testClock>;
  /** The pipeline every test channel's deliveries go through. */
  pipeline: Pipeline;
  /** Sends a text message from a user through the pipeline on a test channel; returns what they read. */
  send(user: string, text: string, channel?: string): Promise<string>;
  /** A test channel of that name (created and attached on first use). */
  channel(name?: string): TestChannel;
  /** Calls the runner directly, without the pipeline. */
  handle(update: IncomingUpdate): ReturnType<Runner["handle"]>;
  newRunner(): Runner;
  /** DATABASE_URL of the app's database. */
  url: string;
}

const silent = createLogger((process.env.TEST_LOG as "error") ?? "silent");

/** A runner on a fresh migrated database with the demo tree, for the enclosing describe. */
export function useApp(
  kind: DatabaseKind,
  options: { rulebook?: Rulebook; now?: Date; perTest?: boolean; flows?: FlowRegistry } = {},
) {
  const db = useStore(kind, { perTest: options.perTest ?? false });
  const rulebook = options.rulebook ?? threeTier;
  const translator = createTranslator(rulebook);
  const tree = demoTree(rulebook);
  const flows = options.flows ?? defaultFlows;
  let app: TestApp | undefined;
  (options.perTest ? beforeEach : beforeAll)(async () => {
    await db.store().org.upsertMany([...tree.units]);
  });
  return (): TestApp => {
    if (app && app.store === db.store()) return app;
    void app?.pipeline.stop();
    const store = db.store();
    const clock = testClock(options.now ?? vn("2026-03-10T09:00:00"));
    const newRunner = () =>
      createRunner({ store, rulebook, tree, clock, newId: randomUUID, translator, flows });
    const runner = newRunner();
    const pipeline = createPipeline({ store, runner, logger: silent, retryBaseMs: 20 });
    const channels = new Map<string, TestChannel>();
    const channel = (name = "test") => {
      let found = channels.get(name);
      if (!found) {
        found = createTestChannel({ name }, { store, translator, flows, logger: silent, clock });
        channels.set(name, found);
        pipeline.attach(found);
        void found.start(pipeline);
      }
      return found;
    };
    app = {
      store,
      runner,
      tree,
      rulebook,
      translator,
      flows,
      clock,
      pipeline,
      channel,
      handle: (update) => runner.handle(update),
      newRunner,
      send: (user, text, name = "test") => channel(name).say(user, text),
      url: db.url(),
    };
    return app;
  };
}

/** A service call's context as `personId` at `at` (Vietnam time): the clock set there, their memberships. */
export async function as(a: TestApp, personId: string, at: string): Promise<ServiceContext> {
  a.clock.set(vn(at));
  return {
    rulebook: a.rulebook,
    tree: a.tree,
    now: a.clock(),
    newId: randomUUID,
    actor: { personId, memberships: await a.store.memberships.ofPerson(personId) },
  };
}
