import { randomUUID } from "node:crypto";
import type { MessageRefRepository } from "../../domain/ports.ts";
import type { Scope } from "../scope.ts";

export function messageRefRepository({ db }: Scope): MessageRefRepository {
  return {
    async add(ref) {
      await db.messageRef.create({ data: { id: randomUUID(), ...ref } });
    },

    async ofSubmission(submissionId, purpose) {
      const rows = await db.messageRef.findMany({
        where: { submissionId, purpose },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(({ submissionId, personId, channel, chatId, messageId, purpose }) => ({
        submissionId,
        personId,
        channel,
        chatId,
        messageId,
        purpose,
      }));
    },
  };
}
