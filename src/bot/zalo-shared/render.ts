import { label, type Speaker, say } from "../../application/i18n.ts";
import type { ActionButton, Reply, View } from "../../dialogs/view.ts";

/** Rendering shared by both Zalo surfaces. */

/** The paragraph of a notification that points at buttons, for surfaces that show none. */
const BUTTONS_HINT = "notify.buttons_hint";

/** The view without its "press a button below" paragraph. */
export function withoutButtonsHint(view: View): View {
  return { ...view, text: view.text.filter((t) => t.key !== BUTTONS_HINT) };
}

/**
 * Action buttons (a notification's decisions) where buttons cannot be shown: one line naming
 * them and telling the person to open their queue, where the same decisions are numbered choices.
 */
export function actionsHint(s: Speaker, actions: ActionButton[]): string {
  return say(s, {
    key: "zalo.actions_hint",
    params: { actions: actions.map((a) => label(s, a.label)).join(" · ") },
  });
}

/**
 * What to say for a reply that carries no views: a press on an old button ("stale"), or a short
 * notice. With views, the views already say it.
 */
export function replyNotes(s: Speaker, reply: Reply): string[] {
  if (reply.views.length) return [];
  if (reply.stale) return [say(s, { key: "dialog.stale" })];
  if (reply.notice) return [say(s, reply.notice)];
  return [];
}

/**
 * The new state of a message sent earlier (a decision taken on a notification). Zalo cannot edit
 * a message, so it goes as a short follow-up: each view's first paragraph (which submission) and
 * its last (the outcome), without buttons.
 */
export function asFollowUp(view: View): View {
  const text = view.text.length <= 2 ? view.text : [view.text[0]!, view.text.at(-1)!];
  return { text, expects: { kind: "none" } };
}
