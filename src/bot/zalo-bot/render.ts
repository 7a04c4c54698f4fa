import { type Speaker, say } from "../../application/i18n.ts";
import type { Reply, View } from "../../dialogs/view.ts";
import { splitText, viewAsText } from "../text.ts";
import type { WebLinks } from "../web-links.ts";
import { actionsHint, replyNotes, withoutButtonsHint } from "../zalo-shared/render.ts";
import { MAX_TEXT } from "./api.ts";

/**
 * Views as Zalo Bot messages. The platform has no buttons: choices are a numbered list answered
 * by number, label or command word (viewAsText, as on the console), and a notification's action
 * buttons become a line telling the person to open their queue. Texts over 2,000 characters are
 * split at paragraph boundaries.
 */
export function renderView(s: Speaker, view: View, web?: WebLinks): string[] {
  const actions = view.actions ?? [];
  const plain = actions.length ? withoutButtonsHint(view) : view;
  // No buttons on Zalo Bot: the workspace's page is a link in the text.
  const link = view.web && web ? [say(s, { key: "web.open_link", params: { url: web.page(view.web) } })] : [];
  const text = [viewAsText(s, plain), ...(actions.length ? [actionsHint(s, actions)] : []), ...link].join(
    "\n",
  );
  return splitText(text, MAX_TEXT);
}

/** Every message of a runner's reply, in order. */
export function renderReply(s: Speaker, reply: Reply): string[] {
  return [...reply.views.flatMap((v) => renderView(s, v)), ...replyNotes(s, reply)].filter((t) => t.trim());
}
