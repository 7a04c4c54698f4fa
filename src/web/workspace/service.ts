import { randomUUID } from "node:crypto";
import type { ServiceContext } from "../../application/services/submissions.ts";
import type { SiteDeps } from "../site.ts";
import type { Officer } from "./session.ts";

/** The services' context for an officer's request: the same as a chat update's (their memberships, now). */
export function serviceContext(deps: SiteDeps, officer: Officer): ServiceContext {
  return {
    rulebook: deps.rulebook,
    tree: deps.tree,
    now: deps.clock(),
    newId: randomUUID,
    actor: { personId: officer.personId, memberships: officer.memberships },
  };
}
