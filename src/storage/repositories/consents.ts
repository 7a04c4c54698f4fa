import { randomUUID } from "node:crypto";
import type { ConsentRepository } from "../../domain/ports.ts";
import { type Consents, PURPOSES } from "../../domain/privacy.ts";
import type { Scope } from "../scope.ts";
import { fromJson, oneOf, toJson } from "./rows.ts";

export function consentRepository(scope: Scope): ConsentRepository {
  const { db } = scope;

  /** Person.consents mirrors the live rows: read on every update, without a join. */
  async function mirror(tx: Scope["db"], personId: string): Promise<void> {
    const live = await tx.consent.findMany({
      where: { personId, withdrawnAt: null },
      orderBy: { givenAt: "asc" },
    });
    const consents: Consents = {};
    for (const row of live) consents[oneOf(PURPOSES, row.purpose, "Consent.purpose")] = row.noticeVersion;
    await tx.person.update({ where: { id: personId }, data: { consents: toJson(consents) } });
  }

  return {
    give: (input) =>
      scope.atomic(async (tx) => {
        await tx.consent.updateMany({
          where: { personId: input.personId, purpose: input.purpose, withdrawnAt: null },
          data: { withdrawnAt: input.at },
        });
        await tx.consent.create({
          data: {
            id: randomUUID(),
            personId: input.personId,
            purpose: input.purpose,
            noticeVersion: input.noticeVersion,
            channel: input.channel,
            givenAt: input.at,
          },
        });
        await mirror(tx, input.personId);
      }),

    withdraw: (personId, purposes, at) =>
      scope.atomic(async (tx) => {
        const { count } = await tx.consent.updateMany({
          where: { personId, purpose: { in: [...purposes] }, withdrawnAt: null },
          data: { withdrawnAt: at },
        });
        await mirror(tx, personId);
        return count;
      }),

    async ofPerson(personId) {
      const rows = await db.consent.findMany({ where: { personId }, orderBy: { givenAt: "asc" } });
      return rows.map((row) => ({
        purpose: oneOf(PURPOSES, row.purpose, "Consent.purpose"),
        noticeVersion: row.noticeVersion,
        channel: row.channel,
        givenAt: row.givenAt,
        endedAt: row.withdrawnAt,
      }));
    },
  };
}

/** A person row's live consents. */
export function consentsOf(text: string): Consents {
  return fromJson<Consents>(text);
}
