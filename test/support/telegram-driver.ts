import type { InlineKeyboardButton } from "grammy/types";
import type { FakeTelegram, FakeUser, TranscriptMessage } from "./fake-telegram.ts";

/**
 * Plays a Telegram user against the fake Bot API: type or press, then wait until the bot has
 * answered and gone quiet.
 */
export class TelegramUser {
  constructor(
    readonly fake: FakeTelegram,
    readonly user: FakeUser,
  ) {}

  private async settle(since: number): Promise<void> {
    await this.fake.waitForCall("sendMessage", {
      since,
      timeoutMs: 15_000,
      match: (c) => String(c.params.chat_id) === String(this.user.id),
    });
    // The bot may send several messages for one answer: wait until it has been quiet a moment.
    let seen = this.fake.mark();
    for (;;) {
      await new Promise((r) => setTimeout(r, 120));
      const now = this.fake.mark();
      if (now === seen) return;
      seen = now;
    }
  }

  messages(): TranscriptMessage[] {
    return this.fake.chat(this.user.id).filter((m) => m.from === "bot");
  }

  /** Everything the bot has written to this user, as it now reads. */
  transcript(): string {
    return this.messages()
      .map((m) => m.text ?? m.caption ?? "")
      .join("\n---\n");
  }

  last(): TranscriptMessage {
    const all = this.messages();
    if (!all.length) throw new Error("the bot has said nothing");
    return all.at(-1)!;
  }

  async say(text: string): Promise<void> {
    const since = this.fake.mark();
    if (text.startsWith("/")) {
      const [command, ...rest] = text.split(" ");
      this.fake.sendCommand(this.user, command!, rest.join(" ") || undefined);
    } else this.fake.sendText(this.user, text);
    await this.settle(since);
  }

  /** Buttons of the latest message that has any. */
  buttons(): InlineKeyboardButton[] {
    const withKeyboard = [...this.messages()]
      .reverse()
      .find(
        (m) => m.reply_markup && "inline_keyboard" in m.reply_markup && m.reply_markup.inline_keyboard.length,
      );
    if (!withKeyboard?.reply_markup || !("inline_keyboard" in withKeyboard.reply_markup)) return [];
    return withKeyboard.reply_markup.inline_keyboard.flat();
  }

  /** Presses the button whose text starts with `label` on the latest message with buttons. */
  async press(label: string, options: { expectReply?: boolean } = {}): Promise<void> {
    const message = [...this.messages()]
      .reverse()
      .find((m) =>
        m.reply_markup && "inline_keyboard" in m.reply_markup
          ? m.reply_markup.inline_keyboard.flat().some((b) => b.text.startsWith(label))
          : false,
      );
    if (!message) throw new Error(`no button "${label}" in:\n${this.transcript().slice(-1500)}`);
    const markup = message.reply_markup as { inline_keyboard: InlineKeyboardButton[][] };
    const button = markup.inline_keyboard
      .flat()
      .find((b) => b.text.startsWith(label)) as InlineKeyboardButton.CallbackButton;
    const since = this.fake.mark();
    this.fake.press(this.user, message.message_id, button.callback_data);
    if (options.expectReply === false) {
      await this.fake.waitForCall("answerCallbackQuery", { since, timeoutMs: 15_000 });
      return;
    }
    await this.settle(since);
  }
}
