import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach } from "vitest";
import { viewAsText } from "../../src/bot/text.ts";
import { textInput } from "../../src/dialogs/input.ts";
import { createRunner, type IncomingUpdate, type Runner } from "../../src/dialogs/runner.ts";
import type { View } from "../../src/dialogs/view.ts";
import type { OrgTree } from "../../src/domain/org.ts";
import type { Store } from "../../src/domain/ports.ts";
import type { Rulebook } from "../../src/domain/rulebook/schema.ts";
import { createTranslator, type Translator } from "../../src/i18n.ts";
import { type DatabaseKind, useStore } from "../storage/databases.ts";
import { demoTree, threeTier, vn } from "./fixtures.ts";

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
  clock: ReturnType<typeof testClock>;
  /** Sends a text message from a user; returns what they read. */
  send(user: string, text: string, channel?: string): Promise<string>;
  handle(update: IncomingUpdate): ReturnType<Runner["handle"]>;
  newRunner(): Runner;
}

/** A runner on a fresh migrated database with the demo tree, for the enclosing describe. */
export function useApp(
  kind: DatabaseKind,
  options: { rulebook?: Rulebook; now?: Date; perTest?: boolean } = {},
) {
  const db = useStore(kind, { perTest: options.perTest ?? false });
  const rulebook = options.rulebook ?? threeTier;
  const translator = createTranslator(rulebook);
  const tree = demoTree(rulebook);
  let app: TestApp | undefined;
  (options.perTest ? beforeEach : beforeAll)(async () => {
    await db.store().org.upsertMany([...tree.units]);
  });
  return (): TestApp => {
    if (app && app.store === db.store()) return app;
    const store = db.store();
    const clock = testClock(options.now ?? vn("2026-03-10T09:00:00"));
    const newRunner = () =>
      createRunner({ store, rulebook, tree, clock, newId: randomUUID, label: translator.label, translator });
    const runner = newRunner();
    const render = (language: "vi" | "en", views: View[]) =>
      views.map((v) => viewAsText({ translator, language }, v)).join("\n\n");
    const handle = (update: IncomingUpdate) => runner.handle(update);
    app = {
      store,
      runner,
      tree,
      rulebook,
      translator,
      clock,
      handle,
      newRunner,
      async send(user, text, channel = "test") {
        const out = await runner.handle({
          channel,
          chatId: user,
          user: { externalId: user, displayName: user },
          input: textInput(text, false),
        });
        return render(out.language, out.reply.views);
      },
    };
    return app;
  };
}
