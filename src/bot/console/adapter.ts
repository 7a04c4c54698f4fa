import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Speaker } from "../../application/i18n.ts";
import type { View } from "../../dialogs/view.ts";
import type { ChannelAdapter, ChannelDeps, ParsedDelivery } from "../adapter.ts";
import { viewAsText } from "../text.ts";
import type { ConsoleSettings } from "./settings.ts";

export const CHANNEL = "console";

export interface ConsoleStreams {
  input: Readable;
  output: Writable;
}

/**
 * The console channel: a chat in the terminal. Each line read is one message, processed (and
 * answered) before the next is read; replies are text with numbered choices, so a script can drive
 * it through stdin and stdout. Files the bot sends are saved to a folder.
 */
export function createConsoleAdapter(
  settings: ConsoleSettings,
  deps: ChannelDeps,
  streams: ConsoleStreams = { input: process.stdin, output: process.stdout },
): ChannelAdapter {
  const { translator, flows } = deps;
  const write = (text: string) => streams.output.write(`${text}\n\n`);
  // Keys of this run: the session's start, then a counter (every line is new, and in order).
  const run = randomUUID();
  let line = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });

  function show(views: View[], speaker: Speaker): void {
    for (const view of views) {
      write(viewAsText(speaker, view));
      // Files (a report's workbook and chart) are saved where the terminal user can open them,
      // and nobody else: a report lists contacts, a copy of /dulieu is a person's own data.
      for (const file of view.files ?? []) {
        mkdirSync(settings.filesDir, { recursive: true, mode: 0o700 });
        const path = join(settings.filesDir, file.name);
        writeFileSync(path, file.data, { mode: 0o600 });
        write(`📎 ${path}`);
      }
    }
  }

  const adapter: ChannelAdapter = {
    channel: CHANNEL,
    source: CHANNEL,
    limits: { maxText: Number.POSITIVE_INFINITY, choices: "numbered", canEdit: false },
    routes: [],
    local: true,
    finished,
    parse(raw) {
      if (typeof raw !== "string" || !raw.trim()) return [];
      line++;
      const delivery: ParsedDelivery = {
        key: `${run}:${line}`,
        seq: line,
        update: {
          channel: CHANNEL,
          chatId: settings.user,
          user: { externalId: settings.user, displayName: settings.user, languageCode: settings.language },
          input: flows.textInput(raw, false),
        },
      };
      return [delivery];
    },
    async start(ingress) {
      write(translator.text(settings.language, { key: "console.banner" }));
      void (async () => {
        const lines = createInterface({ input: streams.input, terminal: false });
        try {
          // One line at a time, in order: the next waits for the previous reply.
          for await (const text of lines)
            for (const delivery of adapter.parse(text)) {
              const { processed } = await ingress.receive(adapter, delivery);
              await processed;
            }
        } finally {
          finish();
        }
      })();
    },
    async stop() {},
    async reply(_delivery, output) {
      show(output.reply.views, { translator, language: output.language });
    },
    async failed() {
      write(translator.text(settings.language, { key: "dialog.send_again" }));
    },
    async send(_chatId, views, speaker) {
      show(views, speaker);
      return null;
    },
    async edit(_chatId, _messageId, views, speaker) {
      show(views, speaker);
    },
  };
  return adapter;
}
