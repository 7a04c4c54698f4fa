import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Speaker } from "../../src/application/i18n.ts";
import type { IncomingUpdate } from "../../src/application/runner.ts";
import type { ChannelAdapter, ChannelDeps, Ingress, ParsedDelivery } from "../../src/bot/adapter.ts";
import type { ChannelModule } from "../../src/bot/channel.ts";
import { viewAsText } from "../../src/bot/text.ts";
import type { Input } from "../../src/dialogs/input.ts";
import type { OutgoingFile, View } from "../../src/dialogs/view.ts";

/**
 * A channel that exists only in the tests, registered the way a real one is (a ChannelModule):
 * a person "types" through `say`, which goes through the pipeline like any delivery and returns
 * what the bot answered; notifications sent to a chat are kept to read back.
 */
export interface TestChannel extends ChannelAdapter {
  /** Sends a text (or any input) from a user; resolves with what they read once it is handled. */
  /** What `user` reads after sending `text`; their account shows `displayName` (their id by default). */
  say(user: string, text: string | Input, options?: { key?: string; displayName?: string }): Promise<string>;
  /** Hands in a delivery as the platform would; `fresh` false for a repetition. */
  deliver(delivery: ParsedDelivery): Promise<{ fresh: boolean; processed: Promise<void> }>;
  /** Everything sent to a chat (replies and notifications), as text. */
  transcript(chatId: string): string[];
  /** The files sent to a chat. */
  files(chatId: string): OutgoingFile[];
}

export interface TestChannelSettings {
  name: string;
}

export function createTestChannel(settings: TestChannelSettings, deps: ChannelDeps): TestChannel {
  let ingress: Ingress | undefined;
  let seq = 0;
  const sent = new Map<string, string[]>();
  const files = new Map<string, OutgoingFile[]>();
  const render = (views: View[], speaker: Speaker) => views.map((v) => viewAsText(speaker, v)).join("\n\n");
  const record = (chatId: string, text: string) => {
    if (!sent.has(chatId)) sent.set(chatId, []);
    sent.get(chatId)!.push(text);
  };
  const updateOf = (user: string, input: Input, displayName = user): IncomingUpdate => ({
    channel: settings.name,
    chatId: user,
    user: { externalId: user, displayName },
    input,
  });
  const channel: TestChannel = {
    channel: settings.name,
    source: settings.name,
    limits: { maxText: 10_000, choices: "numbered", canEdit: false },
    routes: [],
    parse(raw) {
      const { user, text } = raw as { user: string; text: string };
      return [{ key: randomUUID(), seq: ++seq, update: updateOf(user, deps.flows.textInput(text, false)) }];
    },
    async start(input) {
      ingress = input;
    },
    async stop() {},
    async reply(delivery, output) {
      const chatFiles = files.get(delivery.update.chatId) ?? [];
      chatFiles.push(...output.reply.views.flatMap((v) => v.files ?? []));
      files.set(delivery.update.chatId, chatFiles);
      record(
        delivery.update.chatId,
        render(output.reply.views, { translator: deps.translator, language: output.language }),
      );
    },
    async failed(delivery) {
      record(delivery.update.chatId, deps.translator.text("vi", { key: "dialog.send_again" }));
    },
    async send(chatId, views, speaker) {
      record(chatId, render(views, speaker));
      return `m${sent.get(chatId)!.length}`;
    },
    async edit(chatId, _messageId, views, speaker) {
      record(chatId, render(views, speaker));
    },
    deliver(delivery) {
      if (!ingress) throw new Error("the test channel was not started");
      return ingress.receive(channel, delivery);
    },
    async say(user, text, options = {}) {
      const before = sent.get(user)?.length ?? 0;
      const input = typeof text === "string" ? deps.flows.textInput(text, false) : text;
      const { processed } = await channel.deliver({
        key: options.key ?? randomUUID(),
        seq: ++seq,
        update: updateOf(user, input, options.displayName),
      });
      await processed;
      return (sent.get(user) ?? []).slice(before).join("\n\n");
    },
    transcript: (chatId) => sent.get(chatId) ?? [],
    files: (chatId) => files.get(chatId) ?? [],
  };
  return channel;
}

/** The test channel as the registry takes a channel: enabled by TEST_CHANNEL (its name). */
export const testChannelModule: ChannelModule<TestChannelSettings> = {
  name: "test",
  configured: (env) => Boolean(env.TEST_CHANNEL),
  settings: z.object({ TEST_CHANNEL: z.string().min(1) }).transform((env) => ({ name: env.TEST_CHANNEL })),
  create: createTestChannel,
};
