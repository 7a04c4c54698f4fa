import { randomUUID } from "node:crypto";
import type { VoteRepository } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";

export function voteRepository({ db }: Scope): VoteRepository {
  return {
    async cast(vote) {
      const { submissionId, stage, personId, decision, reason, at } = vote;
      await db.vote.upsert({
        where: { submissionId_stage_personId: { submissionId, stage, personId } },
        create: { id: randomUUID(), submissionId, stage, personId, decision, reason, at },
        update: { decision, reason, at },
      });
    },

    async of(submissionId, stage) {
      const rows = await db.vote.findMany({ where: { submissionId, stage }, orderBy: { at: "asc" } });
      return rows.map((row) => ({
        submissionId: row.submissionId,
        personId: row.personId,
        stage: row.stage,
        decision: row.decision,
        reason: row.reason,
        at: row.at,
      }));
    },
  };
}
