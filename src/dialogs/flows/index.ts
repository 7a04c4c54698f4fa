import type { FlowHandlers } from "../flow.ts";
import { type DraftsFlow, drafts } from "./drafts.ts";
import { type InviteFlow, invite } from "./invite.ts";
import { type LanguageFlow, language } from "./language.ts";
import { type LinkFlow, link } from "./link.ts";
import { type MineFlow, mine } from "./mine.ts";
import { type ProposalFlow, proposal } from "./proposal.ts";
import { type QueueFlow, queue } from "./queue.ts";
import { type RegistrationFlow, registration } from "./registration/index.ts";
import { type ReportFlow, report } from "./report.ts";
import { type ReviewFlow, review } from "./review.ts";

/** Every conversation the bot can be in with a person. */
export type Flow =
  | RegistrationFlow
  | DraftsFlow
  | MineFlow
  | LanguageFlow
  | InviteFlow
  | QueueFlow
  | ReviewFlow
  | ProposalFlow
  | ReportFlow
  | LinkFlow;

type Handlers = { [N in Flow["name"]]: FlowHandlers<Extract<Flow, { name: N }>> };

const HANDLERS: Handlers = {
  registration,
  drafts,
  mine,
  language,
  invite,
  queue,
  review,
  proposal,
  report,
  link,
};

export function handlersOf<F extends Flow>(flow: F): FlowHandlers<F> {
  return HANDLERS[flow.name] as unknown as FlowHandlers<F>;
}
