import { expect } from "vitest";
import { decide, proposeRecognition } from "../../src/application/services/decisions.ts";
import type { Decision } from "../../src/domain/status.ts";
import {
  DESCRIPTION_ITEMS,
  type DescriptionItemId,
  type RecognitionResults,
  type Role,
} from "../../src/domain/types.ts";
import { as, type TestApp } from "../support/app.ts";
import { REGISTRATION, registerModel } from "../support/registration.ts";

export const RESULTS: RecognitionResults = {
  outcomes: { outputs: "2 km đường hoa; 156/156 hộ ký cam kết; gọi Nguyễn Văn An 0912 345 678." },
  figures: "156 hộ",
  scores: {
    identity: 10,
    leadership: 15,
    coordination: 14,
    support: 14,
    urgency: 14,
    impact: 14,
    sustainability: 14,
  },
  attachments: [
    { kind: "photo", channel: "test", ref: "photo-1", name: "duong-hoa.jpg", mime: "image/jpeg" },
    { kind: "photo", channel: "test", ref: "photo-2", name: "hop-dan.jpg", mime: "image/jpeg" },
  ],
  late: false,
};

/** The registration's answers (as typed in chat) with some description items written otherwise. */
export function answering(items: Partial<Record<DescriptionItemId, string>>): string[] {
  const answers = [...REGISTRATION];
  const first = REGISTRATION.indexOf("0912 345 678") + 2;
  for (const [item, text] of Object.entries(items))
    answers[first + DESCRIPTION_ITEMS.indexOf(item as DescriptionItemId)] = text;
  return answers;
}

export async function member(a: TestApp, name: string, body: string, role: Role) {
  const { person } = await a.store.people.identify({
    channel: "test",
    externalId: name,
    chatId: name,
    displayName: name,
    language: "vi",
    at: a.clock(),
  });
  await a.store.memberships.add({ personId: person.id, bodyCode: body, role });
  return person.id;
}

const act = (a: TestApp, who: string, at: string, id: string, action: Decision) =>
  a.store.transaction(async (repos) => decide(repos, await as(a, who, at), { id, action, reason: null }));

/** A model registered in chat by "an" (with `answers`), accepted, proposed with results and recognised by the commune. */
export async function recognised(a: TestApp, user = "an", answers: readonly string[] = REGISTRATION) {
  await registerModel(a, user, answers);
  const registrant = (await a.store.people.personOf("test", user))!;
  const [s] = await a.store.submissions.ofPerson(registrant);
  const officer = await member(a, `officer-${user}`, "NB-TP-NN", "officer");
  const committee = await member(a, `committee-${user}`, "NB-TP-NN", "committee");
  await act(a, officer, "2026-03-25T10:00:00", s!.id, "accept");
  await a.store.transaction(async (repos) =>
    proposeRecognition(repos, await as(a, registrant, "2026-09-10T09:00:00"), {
      id: s!.id,
      results: RESULTS,
    }),
  );
  expect(await act(a, committee, "2026-09-11T09:00:00", s!.id, "recognize")).toMatchObject({ ok: true });
  return { id: s!.id, registrant, officer, committee, code: (await a.store.submissions.get(s!.id))!.code! };
}
