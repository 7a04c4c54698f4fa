import { randomUUID } from "node:crypto";
import type { App } from "../../src/app.ts";
import { createRunner } from "../../src/application/runner.ts";
import { createInvitation } from "../../src/application/services/invitations.ts";
import { submitRegistration } from "../../src/application/services/submissions.ts";
import { createTelegramAdapter } from "../../src/bot/telegram/adapter.ts";
import { telegramSettings } from "../../src/bot/telegram/settings.ts";
import type { Role, Submission } from "../../src/domain/types.ts";
import { type Serving, serve } from "../../src/serve.ts";
import type { TestApp } from "../support/app.ts";
import { freePort } from "../support/bot-process.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { completeDraft } from "../support/fixtures.ts";
import { asApp, depsOf } from "../support/serving.ts";
import { TelegramUser } from "../support/telegram-driver.ts";

/** A browser without a browser: cookies kept, redirects not followed (the tests look at them). */
export class WebClient {
  private readonly cookies = new Map<string, string>();
  constructor(readonly origin: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const res = await fetch(new URL(path, this.origin), { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join("="));
    }
    return res;
  }

  get(path: string): Promise<Response> {
    return this.fetch(path);
  }

  post(path: string, form: Record<string, string>): Promise<Response> {
    return this.fetch(path, { method: "POST", body: new URLSearchParams(form) });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** The CSRF token of a page's forms. */
  static csrfOf(page: string): string {
    return /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
  }
}

export interface Workspace {
  fake: FakeTelegram;
  serving: Serving;
  publicUrl: string;
  /** A Telegram user who joins a body by invitation, as in chat. */
  join(id: number, firstName: string, bodyCode: string, role: Role): Promise<TelegramUser>;
  /** A registrant on Telegram and their submitted registration (one model each). */
  register(id: number, overrides?: Partial<Submission>): Promise<Submission>;
  /** `/web` in chat, and the link the bot answered. */
  signInLink(user: TelegramUser): Promise<string>;
  /** A signed-in client: opens the link, presses the button. */
  signIn(user: TelegramUser): Promise<WebClient>;
  close(): Promise<void>;
}

/** The served app on a fake Telegram, with PUBLIC_URL at its own address: the workspace's world. */
export async function startWorkspace(a: TestApp, env: Record<string, string> = {}): Promise<Workspace> {
  const fake = await startFakeTelegram();
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  // As serve's channelAdapters builds it: with the PUBLIC_URL (the arrivals' "Mở trên web").
  const adapter = createTelegramAdapter(
    telegramSettings.parse({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url }),
    depsOf(a, { publicUrl }),
  );
  const base = asApp(a, { HTTP_PORT: String(port), PUBLIC_URL: publicUrl, ...env });
  const app: App = {
    ...base,
    config: {
      ...base.config,
      channels: [
        { name: "telegram", settings: {}, secrets: [], miniAppKey: fake.token, create: () => adapter },
      ],
    },
    runner: createRunner({
      store: a.store,
      rulebook: a.rulebook,
      tree: a.tree,
      clock: a.clock,
      newId: randomUUID,
      translator: a.translator,
      flows: a.flows,
      publicUrl,
    }),
  };
  const serving = await serve(app, [adapter]);
  let codes = 0;
  const workspace: Workspace = {
    fake,
    serving,
    publicUrl,
    async join(id, firstName, bodyCode, role) {
      const user = new TelegramUser(fake, {
        id,
        first_name: firstName,
        last_name: "Trần",
        language_code: "vi",
      });
      const { code } = await createInvitation(a.store, { bodyCode, role, now: a.clock() });
      await user.say(`/start ${code}`);
      return user;
    },
    async register(id, overrides = {}) {
      // The registrant has talked to the bot (Telegram lets a bot write only to those who have).
      await new TelegramUser(fake, { id, first_name: "An", language_code: "vi" }).say("/trogiup");
      const { person } = await a.store.people.identify({
        channel: "telegram",
        externalId: String(id),
        chatId: String(id),
        language: "vi",
        at: a.clock(),
      });
      codes++;
      const draft = completeDraft({
        id: randomUUID(),
        registrantId: person.id,
        unitName: `Chi bộ thôn Đông ${codes}`,
        ...overrides,
      });
      await a.store.submissions.create(draft);
      const memberships = await a.store.memberships.ofPerson(person.id);
      const result = await a.store.transaction((repos) =>
        submitRegistration(repos, draft, {
          rulebook: a.rulebook,
          tree: a.tree,
          now: a.clock(),
          newId: randomUUID,
          actor: { personId: person.id, memberships },
        }),
      );
      if (!result.ok) throw new Error(JSON.stringify(result.problems));
      serving.dispatcher.kick();
      return result.submission;
    },
    async signInLink(user) {
      const before = user.messages().length;
      await user.say("/web");
      // Other messages (a new arrival) may come between: the link is in one of the new ones.
      const link = () =>
        user
          .messages()
          .slice(before)
          .map((m) => /(http:\/\/\S+\/app\/signin#\S+)/.exec(m.text ?? "")?.[1])
          .find(Boolean);
      await fake.waitFor(() => Boolean(link()), 15_000);
      return link()!;
    },
    async signIn(user) {
      const url = new URL(await workspace.signInLink(user));
      const client = new WebClient(publicUrl);
      const res = await client.post("/app/signin", { token: url.hash.slice(1) });
      if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
      return client;
    },
    async close() {
      await serving.stop();
      await fake.close();
    },
  };
  return workspace;
}
