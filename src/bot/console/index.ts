import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { textInput } from "../../dialogs/input.ts";
import type { Runner } from "../../dialogs/runner.ts";
import type { Language } from "../../domain/types.ts";
import type { Translator } from "../../i18n.ts";
import { viewAsText } from "../text.ts";

/**
 * The console channel: a chat in the terminal. Each line read is one message; the replies are
 * written as text with numbered choices, so a script can drive it through stdin and stdout.
 */
export interface ConsoleOptions {
  runner: Runner;
  translator: Translator;
  input: Readable;
  output: Writable;
  language: Language;
  user?: string;
  /** Where files sent by the bot are saved. */
  filesDir: string;
}

export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { runner, translator, output } = options;
  const write = (text: string) => output.write(`${text}\n\n`);
  const user = options.user ?? "local";
  write(translator.text(options.language, { key: "console.banner" }));
  const lines = createInterface({ input: options.input, terminal: false });
  // One line at a time, in order: the next waits for the previous reply.
  for await (const line of lines) {
    if (!line.trim()) continue;
    const result = await runner.handle({
      channel: "console",
      chatId: user,
      user: { externalId: user, displayName: user, languageCode: options.language },
      input: textInput(line, false),
    });
    const speaker = { translator, language: result.language };
    for (const view of result.reply.views) {
      write(viewAsText(speaker, view));
      // Files (a report's workbook and chart) are saved where the terminal user can open them.
      for (const file of view.files ?? []) {
        mkdirSync(options.filesDir, { recursive: true });
        const path = join(options.filesDir, file.name);
        writeFileSync(path, file.data);
        write(`📎 ${path}`);
      }
    }
  }
}
