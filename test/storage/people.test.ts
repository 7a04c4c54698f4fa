import { describe, expect, it } from "vitest";
import { databaseKinds, useStore } from "./databases.ts";
import { minutesAfter, T0 } from "./fixtures.ts";

describe.each(databaseKinds)("people on $provider", (kind) => {
  const db = useStore(kind);
  const people = () => db.store().people;
  const contact = (externalId: string, at = T0, chatId = `chat-${externalId}`) => ({
    channel: "telegram",
    externalId,
    chatId,
    displayName: "Trần Thị B",
    language: "vi" as const,
    at,
  });

  it("creates a person and identity on first contact", async () => {
    const { person, identity, created } = await people().identify(contact("u-1"));
    expect(created).toBe(true);
    expect(person).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      displayName: "Trần Thị B",
      language: "vi",
      lastChannel: "telegram",
      lastActiveAt: T0,
      consents: {},
      erasedAt: null,
    });
    expect(identity).toEqual({
      channel: "telegram",
      externalId: "u-1",
      chatId: "chat-u-1",
      personId: person.id,
      undeliverable: false,
      lastActiveAt: T0,
    });
    expect(await people().get(person.id)).toEqual(person);
  });

  it("finds the same person later and refreshes chat and activity", async () => {
    const first = await people().identify(contact("u-2"));
    await people().setUndeliverable("telegram", "u-2", true);
    const later = minutesAfter(T0, 60);
    const again = await people().identify(contact("u-2", later, "new-chat"));
    expect(again.created).toBe(false);
    expect(again.person).toEqual({ ...first.person, lastActiveAt: later });
    expect(again.identity).toMatchObject({ chatId: "new-chat", lastActiveAt: later, undeliverable: false });
  });

  it("creates one person when the same account arrives twice at once", async () => {
    const results = await Promise.all([
      people().identify(contact("u-race")),
      people().identify(contact("u-race")),
    ]);
    expect(new Set(results.map((r) => r.person.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("sets the language, marks identities undeliverable and links them to another person", async () => {
    const { person } = await people().identify(contact("u-3"));
    await people().setLanguage(person.id, "en");
    expect((await people().get(person.id))?.language).toBe("en");

    await people().setUndeliverable("telegram", "u-3", true);
    expect((await people().identities(person.id))[0]?.undeliverable).toBe(true);

    const zalo = await people().identify({ ...contact("z-3"), channel: "zalo" });
    await people().linkIdentity("zalo", "z-3", person.id);
    expect((await people().identities(person.id)).map((i) => i.channel).sort()).toEqual(["telegram", "zalo"]);
    expect(await people().identities(zalo.person.id)).toEqual([]);
    expect(await people().get("nobody")).toBeNull();
  });

  it("finds the person behind an account, through a link too", async () => {
    const { person } = await people().identify(contact("u-4"));
    await people().identify({ ...contact("z-4"), channel: "zalo" });
    expect(await people().personOf("telegram", "u-4")).toBe(person.id);
    await people().linkIdentity("zalo", "z-4", person.id);
    expect(await people().personOf("zalo", "z-4")).toBe(person.id);
    expect(await people().personOf("zalo", "u-4")).toBeNull();
  });
});
