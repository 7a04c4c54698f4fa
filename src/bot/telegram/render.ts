import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { label, type Speaker, say } from "../../application/i18n.ts";
import type { Choice, View } from "../../dialogs/view.ts";
import { splitText } from "../text.ts";
import type { WebLinks } from "../web-links.ts";
import { encodeAction, encodePick } from "./callback-data.ts";

/** A view as Telegram messages: text in pieces of at most 4096 characters, buttons on the last. */
export interface TelegramMessage {
  text: string;
  keyboard?: InlineKeyboardMarkup;
}

export const MAX_TEXT = 4096;
const SHORT_LABEL = 14;

function rows(buttons: InlineKeyboardButton[], short: boolean): InlineKeyboardButton[][] {
  const perRow = short ? 4 : 1;
  const out: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) out.push(buttons.slice(i, i + perRow));
  return out;
}

function choiceKeyboard(s: Speaker, choices: Choice[], nonce: number): InlineKeyboardButton[][] {
  const button = (c: Choice) => ({
    text: label(s, c.label),
    callback_data: encodePick(nonce, choices.indexOf(c)),
  });
  const options = choices.filter((c) => !c.nav).map(button);
  const nav = choices.filter((c) => c.nav).map(button);
  const short = options.every((b) => b.text.length <= SHORT_LABEL);
  return [...rows(options, short), ...(nav.length ? [nav] : [])];
}

/** "Mở trên web": the Mini App over https, else a link to the page. */
function webButton(s: Speaker, path: string, web: WebLinks): InlineKeyboardButton {
  const text = say(s, { key: "web.open_button" });
  return web.https ? { text, web_app: { url: web.miniApp(path) } } : { text, url: web.page(path) };
}

export function renderView(s: Speaker, view: View, nonce: number, web?: WebLinks): TelegramMessage[] {
  const pieces = splitText(view.text.map((t) => say(s, t)).join("\n"), MAX_TEXT);
  const keyboard: InlineKeyboardButton[][] = [
    ...(view.choices?.length ? choiceKeyboard(s, view.choices, nonce) : []),
    ...rows(
      (view.actions ?? []).map((a) => ({
        text: label(s, a.label),
        callback_data: encodeAction(a.action, a.target),
      })),
      false,
    ),
    ...(view.web && web ? [[webButton(s, view.web, web)]] : []),
  ];
  return pieces.map((text, i) =>
    i === pieces.length - 1 && keyboard.length ? { text, keyboard: { inline_keyboard: keyboard } } : { text },
  );
}
