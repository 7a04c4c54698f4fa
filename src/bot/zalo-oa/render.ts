import { label, type Speaker, say } from "../../application/i18n.ts";
import type { Label, Reply, View } from "../../dialogs/view.ts";
import { splitText, viewAsText } from "../text.ts";
import type { WebLinks } from "../web-links.ts";
import { actionsHint, replyNotes, withoutButtonsHint } from "../zalo-shared/render.ts";
import { MAX_BUTTON_TITLE, MAX_BUTTONS, MAX_TEXT, type OaButton, type OaMessage } from "./api.ts";
import { encodeAction, encodePick } from "./payload.ts";

/**
 * Views as OA messages. Up to five buttons fit a message: choices become `oa.query.hide` buttons
 * (their payload comes back as a hidden text, see payload.ts) when they fit beside the view's
 * action buttons; more choices than that are a numbered list, answered by number or label. Action
 * buttons that do not fit become a line telling the person to open their queue.
 */

function title(s: Speaker, l: Label): string {
  const text = label(s, l).replace(/\s+/g, " ").trim();
  return text.length > MAX_BUTTON_TITLE ? `${text.slice(0, MAX_BUTTON_TITLE - 1)}…` : text;
}

export function renderView(s: Speaker, view: View, nonce: number, web?: WebLinks): OaMessage[] {
  const choices = view.choices ?? [];
  const actions = view.actions ?? [];
  const actionButtons = actions.length <= MAX_BUTTONS;
  const choiceButtons =
    choices.length > 0 && choices.length + (actionButtons ? actions.length : 0) <= MAX_BUTTONS;
  const buttons: OaButton[] = [
    ...(choiceButtons
      ? choices.map((c, i) => ({
          title: title(s, c.label),
          type: "oa.query.hide" as const,
          payload: encodePick(nonce, i),
        }))
      : []),
    ...(actionButtons
      ? actions.map((a) => ({
          title: title(s, a.label),
          type: "oa.query.hide" as const,
          payload: encodeAction(a.action, a.target),
        }))
      : []),
  ];
  // "Mở trên web" as a URL button when there is room, else as a link in the text.
  const link = view.web && web ? web.page(view.web) : null;
  const linkButton = link !== null && buttons.length < MAX_BUTTONS;
  if (link && linkButton)
    buttons.push({
      title: title(s, { key: "web.open_button" }),
      type: "oa.open.url",
      payload: { url: link },
    });
  const shown = actionButtons ? view : withoutButtonsHint(view);
  const body = choiceButtons ? shown.text.map((t) => say(s, t)).join("\n") : viewAsText(s, shown);
  const text = [
    body,
    ...(actionButtons ? [] : [actionsHint(s, actions)]),
    ...(link && !linkButton ? [say(s, { key: "web.open_link", params: { url: link } })] : []),
  ]
    .filter((t) => t.trim())
    .join("\n");
  // A view of buttons alone still needs a text: repeat the first button's title.
  const pieces = splitText(text, MAX_TEXT);
  if (!pieces.length && buttons.length) pieces.push(buttons[0]!.title);
  return pieces.map((piece, i) =>
    i === pieces.length - 1 && buttons.length ? { text: piece, buttons } : { text: piece },
  );
}

/**
 * Every message of a runner's reply. A pressed button's text is hidden from the chat, so the
 * answer is echoed (✓ label) before what comes next.
 */
export function renderReply(s: Speaker, reply: Reply, nonce: number, pressed: boolean): OaMessage[] {
  const messages = [
    ...reply.views.flatMap((v) => renderView(s, v, nonce)),
    ...replyNotes(s, reply).map((text) => ({ text })),
  ];
  if (pressed && reply.answered) {
    const echo = `✓ ${label(s, reply.answered.label)}`;
    const first = messages[0];
    if (first && first.text.length + echo.length + 1 <= MAX_TEXT)
      messages[0] = { ...first, text: `${echo}\n${first.text}` };
    else messages.unshift({ text: echo });
  }
  return messages;
}
