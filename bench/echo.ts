// (c) The ceiling: a bare grammY bot with @grammyjs/storage-prisma sessions that reads and writes
// its session on every update and echoes (a text back, a press answered and echoed), each reply
// with one button to press next. Same harness and users as (a); what it costs is grammY plus one
// SELECT and one upsert per update, the least a bot with durable per-chat state can do.
import { sequentialize } from "@grammyjs/runner";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import { Bot, type Context, type SessionFlavor, session } from "grammy";
import { type BenchDatabase, openSessions } from "./databases.ts";
import { BOT_INFO, BOT_TOKEN, FakeTelegramApi } from "./fake-api.ts";
import { drive } from "./harness.ts";
import type { ChatRun, Load } from "./registration.ts";
import { registrationScript } from "./script.ts";

interface EchoSession {
  updates: number;
  last: string;
}

type EchoContext = Context & SessionFlavor<EchoSession>;

const NEXT = { inline_keyboard: [[{ text: "Tiếp", callback_data: "echo" }]] };

export async function runEcho(db: BenchDatabase, load: Load): Promise<ChatRun> {
  const prisma = await openSessions(db);
  const api = new FakeTelegramApi();
  const bot = new Bot<EchoContext>(BOT_TOKEN, { botInfo: BOT_INFO });
  bot.api.config.use(api.transformer);
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(
    session({
      initial: (): EchoSession => ({ updates: 0, last: "" }),
      storage: new PrismaAdapter<EchoSession>(prisma.benchSession),
    }),
  );
  bot.on("message:text", async (ctx) => {
    ctx.session.updates++;
    ctx.session.last = ctx.message.text;
    await ctx.reply(ctx.message.text, { reply_markup: NEXT });
  });
  bot.on("callback_query:data", async (ctx) => {
    ctx.session.updates++;
    ctx.session.last = ctx.callbackQuery.data;
    await ctx.answerCallbackQuery();
    await ctx.reply(`✓ ${ctx.callbackQuery.data}`, { reply_markup: NEXT });
  });
  try {
    // The users press whatever button the echo shows where the script names another.
    const result = await drive({ bot, api, ...load, script: registrationScript, strictButtons: false });
    const sessions = await prisma.benchSession.findMany();
    const steps = registrationScript(0).length;
    const completed = sessions.filter((s) => (JSON.parse(s.value) as EchoSession).updates === steps).length;
    return { ...result, dbBytes: await db.size(), completed, calls: api.calls() };
  } finally {
    await prisma.$disconnect();
  }
}
