// Withheld fragments in the officers' workspace (issue 22): a name the scrubber was unsure of is
// hidden on the public page until an officer or committee member of a body that recognised the
// model reads it in context and releases it — the page shows it at once — or keeps it hidden;
// each decision audited in the model's history and the personal-data trail; anyone else refused.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { publishModel } from "../../src/application/services/gallery.ts";
import { decideWithheld } from "../../src/application/services/withheld.ts";
import { gallery } from "../../src/web/gallery/index.ts";
import { createWorkspace } from "../../src/web/workspace/app.ts";
import { hashSessionId, SESSION_COOKIE } from "../../src/web/workspace/session.ts";
import { answering, member, recognised } from "../gallery/support.ts";
import { databaseKinds } from "../storage/databases.ts";
import { as, type TestApp, useApp } from "../support/app.ts";
import { siteDepsOf } from "../support/serving.ts";

/** What the server tells a site of the request: the client behind it. */
const CLIENT = { clientAddress: "203.0.113.1" };
const ORIGIN = "http://workspace.test";

/** A model recognised by the commune and published by its registrant, "Trần Văn Hậu" withheld in its texts. */
async function published(a: TestApp) {
  const m = await recognised(
    a,
    "an",
    answering({ forces: "Chi bộ thôn chủ trì; Trần Văn Hậu giữ quỹ; các hộ cùng góp công." }),
  );
  const noticeVersion = a.translator.noticeVersion;
  await a.store.consents.give({
    personId: m.registrant,
    purpose: "publication",
    noticeVersion,
    channel: "test",
    at: a.clock(),
  });
  const result = await a.store.transaction((repos) =>
    publishModel(
      repos,
      { personId: m.registrant, noticeVersion, now: a.clock(), newId: randomUUID, tree: a.tree },
      { id: m.id, photos: [] },
    ),
  );
  expect(result.ok).toBe(true);
  return m;
}

function sites(a: TestApp) {
  const deps = siteDepsOf(a);
  return { workspace: createWorkspace(deps), gallery: gallery.create(deps) };
}

/** A browser signed in as `personId` (a session as the sign-in link would start it). */
async function signedIn(a: TestApp, app: ReturnType<typeof createWorkspace>, personId: string) {
  const id = randomBytes(32).toString("base64url");
  const csrf = randomBytes(24).toString("base64url");
  const now = a.clock();
  await a.store.web.createSession({
    idHash: hashSessionId(id),
    personId,
    csrf,
    via: "link",
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  const headers = { cookie: `${SESSION_COOKIE}=${id}` };
  const send = async (path: string, init: RequestInit = {}) => {
    const res = await app.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }), CLIENT);
    return { status: res.status, location: res.headers.get("location"), html: await res.text() };
  };
  return {
    csrf,
    get: (path: string) => send(path),
    post: (path: string, form: Record<string, string>) =>
      send(path, { method: "POST", body: new URLSearchParams(form) }),
  };
}

describe.each(databaseKinds)("withheld fragments in the workspace on $provider", (kind) => {
  const app = useApp(kind, { perTest: true });

  it("shows them in context to a recognising body's members, who release them (the public page shows them at once) or keep them hidden, audited", async () => {
    const a = app();
    const m = await published(a);
    const site = sites(a);
    const publicPage = async () =>
      (await site.gallery.fetch(new Request(`${ORIGIN}/mo-hinh/${m.code.toLowerCase()}`), CLIENT)).text();
    expect(await publicPage()).toContain("[…]</abbr> giữ quỹ");
    expect(await publicPage()).not.toContain("Hậu");

    const officer = await signedIn(a, site.workspace, m.officer);
    const page = await officer.get(`/app/s/${m.id}`);
    expect(page.html).toContain("Phần tạm ẩn trên thư viện công khai");
    expect(page.html).toContain(
      "Chi bộ thôn chủ trì; <mark>Trần Văn Hậu</mark> giữ quỹ; các hộ cùng góp công.",
    );
    expect(page.html).toContain("Lực lượng thực hiện · tên người");
    expect(page.html).toContain("Đang ẩn, chờ xác nhận");
    const [fragment] = await a.store.withheld.ofModel(m.id);
    const action = `/app/s/${m.id}/withheld/${fragment!.id}`;
    expect(page.html).toContain(`action="${action}"`);

    // A committee member of the recognising body releases it.
    const committee = await signedIn(a, site.workspace, m.committee);
    const released = await committee.post(action, { _csrf: committee.csrf, decision: "release" });
    expect(released).toMatchObject({ status: 303, location: `/app/s/${m.id}?done=released#withheld` });
    expect((await committee.get(`/app/s/${m.id}?done=released`)).html).toContain(
      "Đã cho hiện phần này trên trang công khai",
    );
    expect(await publicPage()).toContain("Chi bộ thôn chủ trì; Trần Văn Hậu giữ quỹ;");
    expect((await a.store.gallery.byCode(m.code))?.description.forces).toContain("Trần Văn Hậu");
    expect(await a.store.withheld.get(fragment!.id)).toMatchObject({
      status: "released",
      decidedBy: m.committee,
    });
    expect((await a.store.submissions.history(m.id)).at(-1)).toMatchObject({
      action: "release",
      actorId: m.committee,
      actorRole: "committee",
      data: { kind: "name", place: "description.forces" },
    });
    const trail = await a.store.privacyLog.list({ action: "publication.release" });
    expect(trail).toMatchObject([
      {
        actor: m.committee,
        personId: m.registrant,
        detail: { code: m.code, kind: "name", place: "description.forces" },
      },
    ]);
    // The trail says what was decided, not the words.
    expect(JSON.stringify(trail)).not.toContain("Hậu");

    // The officer thinks again: hidden once more, at once.
    const kept = await officer.post(action, { _csrf: officer.csrf, decision: "keep" });
    expect(kept).toMatchObject({ status: 303, location: `/app/s/${m.id}?done=kept#withheld` });
    expect(await publicPage()).not.toContain("Hậu");
    expect((await a.store.submissions.history(m.id)).at(-1)).toMatchObject({
      action: "keep_hidden",
      actorRole: "officer",
    });
    expect((await officer.get(`/app/s/${m.id}`)).html).toContain("Giữ ẩn");
  });

  it("refuses anyone else: another body's officer, a form without its token, a decision outside the recognising bodies", async () => {
    const a = app();
    const m = await published(a);
    const site = sites(a);
    const [fragment] = await a.store.withheld.ofModel(m.id);
    const action = `/app/s/${m.id}/withheld/${fragment!.id}`;

    const outsider = await signedIn(a, site.workspace, await member(a, "other", "NB-HL", "officer"));
    const page = await outsider.get(`/app/s/${m.id}`);
    expect(page.status).toBe(404);
    expect(page.html).not.toContain("Trần Văn Hậu");
    const refused = await outsider.post(action, { _csrf: outsider.csrf, decision: "release" });
    expect(refused.status).toBe(404);
    expect(refused.html).toContain("bạn không có quyền xem");

    const officer = await signedIn(a, site.workspace, m.officer);
    expect((await officer.post(action, { decision: "release" })).status).toBe(403);
    // The service itself, asked by an officer of the district above, which did not recognise it.
    const ctx = await as(a, await member(a, "district", "NB-TP", "officer"), "2026-09-20T09:00:00");
    expect(
      await a.store.transaction((repos) =>
        decideWithheld(repos, ctx, { id: m.id, fragmentId: fragment!.id, decision: "release" }),
      ),
    ).toEqual({ ok: false, refusal: "not_allowed" });

    expect(await a.store.withheld.get(fragment!.id)).toMatchObject({ status: "pending", decidedBy: null });
    expect((await a.store.gallery.byCode(m.code))?.description.forces).not.toContain("Hậu");
    expect(await a.store.privacyLog.list({ action: "publication.release" })).toEqual([]);
  });
});
