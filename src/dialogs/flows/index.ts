import type { FlowModule } from "../flow.ts";
import { createFlowRegistry } from "../registry.ts";
import { cancel } from "./cancel.ts";
import { drafts } from "./drafts.ts";
import { email } from "./email.ts";
import { gallery } from "./gallery.ts";
import { help } from "./help.ts";
import { invite } from "./invite.ts";
import { language } from "./language.ts";
import { link } from "./link.ts";
import { mine } from "./mine.ts";
import { myData } from "./my-data.ts";
import { proposal } from "./proposal.ts";
import { publication } from "./publication.ts";
import { queue } from "./queue.ts";
import { registration } from "./registration/index.ts";
import { report } from "./report.ts";
import { review } from "./review.ts";
import { start } from "./start.ts";
import { web } from "./web.ts";

/**
 * Every flow the bot has, in menu order. Adding a flow is one module and one line here.
 */
export const FLOWS: readonly FlowModule[] = [
  drafts,
  mine,
  queue,
  report,
  gallery,
  web,
  myData,
  language,
  cancel,
  help,
  start,
  link,
  email,
  registration,
  invite,
  review,
  proposal,
  publication,
] as FlowModule[];

/** The bot's flows. */
export const defaultFlows = createFlowRegistry(FLOWS);
