import type { Repositories } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";
import { consentRepository } from "./consents.ts";
import { deliveryAttemptRepository } from "./deliveries.ts";
import { dialogSessionRepository } from "./dialogs.ts";
import { galleryRepository } from "./gallery.ts";
import { inboxRepository } from "./inbox.ts";
import { invitationRepository } from "./invitations.ts";
import { linkCodeRepository } from "./link-codes.ts";
import { membershipRepository } from "./memberships.ts";
import { messageRefRepository } from "./messages.ts";
import { notificationRepository } from "./notifications.ts";
import { orgRepository } from "./org.ts";
import { peopleRepository } from "./people.ts";
import { privacyLogRepository } from "./privacy-log.ts";
import { rateLimitRepository } from "./rate-limits.ts";
import { sealedDataRepository } from "./sealed.ts";
import { submissionRepository } from "./submissions.ts";
import { tokenRepository } from "./tokens.ts";
import { voteRepository } from "./votes.ts";
import { webAuthRepository } from "./web-auth.ts";
import { withheldRepository } from "./withheld.ts";

export function createRepositories(scope: Scope): Repositories {
  return {
    org: orgRepository(scope),
    people: peopleRepository(scope),
    memberships: membershipRepository(scope),
    invitations: invitationRepository(scope),
    submissions: submissionRepository(scope),
    votes: voteRepository(scope),
    dialogs: dialogSessionRepository(scope),
    inbox: inboxRepository(scope),
    notifications: notificationRepository(scope),
    messages: messageRefRepository(scope),
    linkCodes: linkCodeRepository(scope),
    tokens: tokenRepository(scope),
    sealed: sealedDataRepository(scope),
    consents: consentRepository(scope),
    privacyLog: privacyLogRepository(scope),
    rateLimits: rateLimitRepository(scope),
    deliveries: deliveryAttemptRepository(scope),
    gallery: galleryRepository(scope),
    withheld: withheldRepository(scope),
    web: webAuthRepository(scope),
  };
}
