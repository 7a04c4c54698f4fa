// (b) The peer: the same registration as most grammY form bots would write it, with
// @grammyjs/conversations (a replay engine: every update re-runs the conversation function from
// the start against the log of earlier updates and API results) on @grammyjs/storage-prisma. Same
// questions, buttons, confirmations and messages per step as DVK Bot sends (bench/script.ts
// drives both), the answers kept in the conversation and stored once at the end.
//
// The Api a conversation uses is built by the plugin and does not inherit bot.api's transformers,
// only the client options: the network is faked with `client: { fetch }`.
import {
  type Conversation,
  type ConversationFlavor,
  conversations,
  createConversation,
} from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import { Bot, type Context } from "grammy";
import type { InlineKeyboardButton } from "grammy/types";
import { type BenchDatabase, openSessions } from "./databases.ts";
import { BOT_INFO, BOT_TOKEN, FakeTelegramApi } from "./fake-api.ts";
import { drive } from "./harness.ts";
import type { ChatRun, Load } from "./registration.ts";
import { registrationScript } from "./script.ts";

type OuterContext = ConversationFlavor<Context>;
type Form = Conversation<OuterContext, Context>;

const TOTAL = 27;
const head = (n: number) => `Câu ${n}/${TOTAL}`;

const FIELDS = ["Kinh tế", "Văn hóa – xã hội", "Quốc phòng – An ninh", "Xây dựng hệ thống chính trị"];
const FIELD_HELP =
  "Mô hình phải thể hiện rõ việc khéo vận động nhân dân đoàn kết, tự nguyện thực hiện nếp sống văn minh trong việc cưới, việc tang, lễ hội, quy ước, hương ước; xây dựng gia đình, khu dân cư, cơ quan văn hóa; xã hội học tập; phòng chống dịch bệnh, vệ sinh môi trường, an toàn thực phẩm; an sinh xã hội, từ thiện nhân đạo; các mô hình tự quản trong cộng đồng.";
const KINDS = ["Một tập thể (chi bộ, thôn, chi hội, cơ quan…)", "Một cá nhân"];
const CATEGORIES = [
  "Chi bộ",
  "Cơ quan, đơn vị do Đảng ủy xã quản lý (trường học, trạm y tế…)",
  "Ban công tác Mặt trận",
  "Thôn, tổ dân phố, khu dân cư",
  "Chi đoàn, chi hội",
  "Tổ, đội, nhóm",
  "Lực lượng vũ trang huyện (công an, quân sự)",
  "Cơ quan, đơn vị cấp huyện",
];
const PLACES = ["Xã Ninh Nhất", "Phường Đông Thành", "Xã Ninh Hải", "Xã Trường Yên"];
const MODEL_KINDS = ["Xây dựng mới", "Nhân rộng mô hình đã có"];
const ITEMS: [label: string, hint: string, min: number, max: number][] = [
  ["Tên mô hình", "Một tên ngắn, dễ nhớ, nói rõ mô hình làm gì.", 5, 150],
  ["Thực trạng, lý do xây dựng", "Khó khăn, vấn đề nào ở địa phương khiến cần có mô hình này?", 30, 2000],
  ["Mục tiêu, tiêu chí", "Muốn đạt điều gì, đo bằng con số nào?", 30, 2000],
  ["Nội dung, cách thức thực hiện", "Làm những việc gì, vận động người dân bằng cách nào?", 30, 2000],
  ["Địa bàn, đối tượng", "Thực hiện ở đâu, ai được hưởng lợi?", 10, 1000],
  ["Lực lượng thực hiện", "Ai chủ trì, ai phối hợp, vai trò của từng bên.", 10, 1000],
  ["Nguồn lực", "Kinh phí, cơ sở vật chất, ngày công, nguồn xã hội hóa.", 10, 1000],
  ["Thời gian thực hiện", "Bắt đầu khi nào, các mốc chính, khi nào đánh giá.", 10, 1000],
  ["Sản phẩm, kết quả dự kiến", "Kết quả nào có thể kiểm chứng được?", 20, 2000],
  ["Khả năng duy trì, nhân rộng", "Làm sao để mô hình duy trì lâu dài và áp dụng được ở nơi khác?", 20, 2000],
];
const CRITERIA: [label: string, max: number][] = [
  ["Có tên, địa chỉ cụ thể, thuộc một trong 4 lĩnh vực", 10],
  ["Gắn với sự lãnh đạo của cấp ủy, chính quyền và đã đăng ký", 15],
  ["Phối hợp, huy động được nhiều lực lượng tham gia", 15],
  ["Được nhân dân đồng tình, hưởng ứng tham gia", 15],
  ["Giải quyết được khó khăn, vấn đề cấp bách ở địa phương", 15],
  ["Có sức lan tỏa, mang lại hiệu quả thiết thực", 15],
  ["Được công nhận, bền vững, có khả năng nhân rộng", 15],
];
const quickPicks = (max: number) => (max === 10 ? [10, 8, 6, 3, 0] : [15, 12, 9, 5, 0]);

const plain = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/gi, "d")
    .toLowerCase();

/** Buttons as DVK Bot lays them out: short labels four to a row, long ones one per row. */
function keyboard(step: number, labels: string[]): InlineKeyboardButton[][] {
  const buttons = labels.map((text, i) => ({ text, callback_data: `c${step}.${i}` }));
  const perRow = labels.every((l) => l.length <= 14) ? 4 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

type SaveResult = (chatId: string, record: string) => Promise<unknown>;

/** The registration form: one question per step, the answers stored as one record at the end. */
const registration = (saveResult: SaveResult) => async (form: Form, first: Context) => {
  let ctx = first;
  let step = 0;

  async function choose(prompt: string, labels: string[]): Promise<string> {
    step++;
    const sent = await ctx.reply(prompt, { reply_markup: { inline_keyboard: keyboard(step, labels) } });
    for (;;) {
      ctx = await form.wait();
      const query = ctx.callbackQuery;
      const [, s, i] = /^c(\d+)\.(\d+)$/.exec(query?.data ?? "") ?? [];
      const label = labels[Number(i)];
      if (query && Number(s) === step && label !== undefined) {
        await ctx.answerCallbackQuery();
        await ctx.api.editMessageText(ctx.chat!.id, sent.message_id, `${prompt}\n\n✓ ${label}`, {
          reply_markup: { inline_keyboard: [] },
        });
        return label;
      }
      if (query) await ctx.answerCallbackQuery({ text: "Nút này đã cũ." });
      else await ctx.reply("Vui lòng bấm một nút bên dưới câu hỏi.");
    }
  }

  async function ask(prompt: string, check: (text: string) => string | null): Promise<string> {
    step++;
    await ctx.reply(prompt);
    for (;;) {
      ctx = await form.wait();
      const text = ctx.message?.text;
      const problem = text === undefined ? "Vui lòng gõ câu trả lời." : check(text);
      if (!problem && text !== undefined) return text.trim();
      await ctx.reply(problem ?? "Vui lòng gõ câu trả lời.");
    }
  }

  const length = (min: number, max: number) => (t: string) =>
    t.trim().length < min || t.trim().length > max ? `Cần từ ${min} đến ${max} ký tự.` : null;

  const field = await choose(`${head(1)}\nMô hình của bạn thuộc lĩnh vực nào?`, FIELDS);
  await ctx.reply(`Lĩnh vực ${field}. Mô hình cần thể hiện:\n${FIELD_HELP}`);
  const kind = await choose(`${head(2)}\nAi đăng ký mô hình?`, KINDS);
  const category = await choose(
    `${head(3)}\nĐơn vị đăng ký thuộc loại nào? (Việc này quyết định nơi tiếp nhận đăng ký.)`,
    CATEGORIES,
  );
  step++;
  await ctx.reply(
    `${head(4)}\nĐơn vị ở xã, phường nào? Bấm để chọn, hoặc gõ một phần tên (không cần dấu), ví dụ: ninh nhat.\nĐang xem: Ninh Bình\nGõ tên để tìm nhanh.`,
    { reply_markup: { inline_keyboard: keyboard(step, ["Huyện Hoa Lư", "Thành phố Ninh Bình"]) } },
  );
  let place: string | undefined;
  while (!place) {
    ctx = await form.wait();
    const text = ctx.message?.text;
    place = text ? PLACES.find((p) => plain(p).includes(plain(text.trim()))) : undefined;
    if (!place) await ctx.reply("Không tìm thấy nơi nào như vậy. Gõ lại, ví dụ: ninh nhat.");
  }
  const unitName = await ask(
    `${head(5)}\nTên đầy đủ của tập thể đăng ký? Ví dụ: Chi bộ thôn Đông.`,
    length(2, 200),
  );
  const address = await ask(
    `${head(6)}\nĐịa chỉ cụ thể của đơn vị (số nhà, đường hoặc thôn, tổ dân phố)? Ví dụ: Thôn Đông, xã Ninh Nhất.`,
    length(10, 300),
  );
  // The notice and the consent before the first personal question, as DVK Bot asks them (Law
  // 91/2025); the simulated users agree. The peer keeps the answer in its conversation only.
  let consent = "";
  while (consent !== "Đồng ý")
    consent = await choose(
      "Trước khi hỏi thông tin cá nhân: bot dùng họ tên và số điện thoại người liên hệ chỉ để xét và trả lời đăng ký, lưu đến hết đợt xét, mã hóa khi lưu. Bạn có đồng ý?",
      ["Đồng ý", "Đọc toàn văn", "Không đồng ý"],
    );
  const contact = await ask(`${head(7)}\nHọ tên người liên hệ?`, length(2, 100));
  const phone = await ask(`${head(8)}\nSố điện thoại của người liên hệ? Ví dụ: 0912 345 678.`, (t) =>
    /^(\+84|0)\d{9}$/.test(t.replace(/[\s.-]/g, "")) ? null : "Số điện thoại chưa đúng.",
  );
  const modelKind = await choose(
    `${head(9)}\nĐây là mô hình xây dựng mới hay nhân rộng một mô hình đã có?`,
    MODEL_KINDS,
  );
  const description: string[] = [];
  for (const [i, [label, hint, min, max]] of ITEMS.entries())
    description.push(
      await ask(
        `${head(10 + i)}\nMục ${i + 1}/10 — ${label}\n${hint}\nGõ câu trả lời (${min}–${max} ký tự).`,
        length(min, max),
      ),
    );
  await choose(
    `${head(20)}\nBạn có ảnh hoặc tài liệu minh họa không? Gửi ảnh hoặc tệp (tối đa 10), rồi bấm "Xong". Không có thì bấm "Bỏ qua".\nĐã nhận 0 tệp.`,
    ["Bỏ qua"],
  );
  const scores: number[] = [];
  for (const [k, [label, max]] of CRITERIA.entries()) {
    const sofar = scores.reduce((a, b) => a + b, 0);
    const picked = await choose(
      `${head(21 + k)}\nTự chấm điểm — tiêu chí ${k + 1}/7: ${label}. Tối đa ${max} điểm: bấm một mức hoặc gõ số điểm (0–${max}).\nĐiểm các tiêu chí trước: ${sofar}.`,
      quickPicks(max).map((v) => `${v} điểm`),
    );
    scores.push(Number.parseInt(picked, 10));
    await ctx.reply(`Tổng tạm tính: ${sofar + scores.at(-1)!} điểm.`);
  }
  const total = scores.reduce((a, b) => a + b, 0);
  await ctx.reply(
    `XEM LẠI BẢN ĐĂNG KÝ\nLĩnh vực: ${field}\nNgười đăng ký: ${kind}\nLoại đơn vị: ${category}\nĐịa bàn: ${place}\nTên đơn vị: ${unitName}\nĐịa chỉ: ${address}\nNgười liên hệ: ${contact} — ${phone}\nLoại mô hình: ${modelKind}`,
  );
  await ctx.reply(
    `Mô tả mô hình:\n${description.map((d, i) => `${i + 1}. ${ITEMS[i]![0]}: ${d}`).join("\n")}`,
  );
  const decision = await choose(
    `${CRITERIA.map(([label, max], i) => `${label}: ${scores[i]}/${max}`).join("\n")}\nTổng điểm tự chấm: ${total}/100\nBản đăng ký đã đầy đủ. Bấm "Gửi đăng ký" để gửi.`,
    ["Gửi đăng ký", "Sửa", "Để sau"],
  );
  if (decision !== "Gửi đăng ký") return;
  const record = {
    field,
    kind,
    category,
    place,
    unitName,
    address,
    contact,
    phone,
    modelKind,
    description,
    scores,
  };
  const chatId = ctx.chat!.id;
  // Outside the replay log: runs once, when the last answer arrives.
  await form.external(() => saveResult(String(chatId), JSON.stringify(record)));
  await ctx.reply(
    `Đã gửi đăng ký! Mã hồ sơ của bạn: DVK-2026-${String(chatId).slice(-6)}\nĐăng ký đã được chuyển đến Khối Dân vận Đảng ủy xã Ninh Nhất.\nCán bộ tiếp nhận sẽ xem xét và bạn sẽ nhận được thông báo tại đây khi hồ sơ được tiếp nhận hoặc cần bổ sung. Gõ /hoso để theo dõi.`,
  );
};

export async function runConversations(db: BenchDatabase, load: Load): Promise<ChatRun> {
  const prisma = await openSessions(db);
  const saveResult: SaveResult = (chatId, value) =>
    prisma.benchSession.upsert({
      where: { key: `result:${chatId}` },
      create: { key: `result:${chatId}`, value },
      update: { value },
    });
  const api = new FakeTelegramApi();
  const bot = new Bot<OuterContext>(BOT_TOKEN, { botInfo: BOT_INFO, client: { fetch: api.fetch } });
  bot.api.config.use(api.transformer);
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.use(
    conversations({
      storage: { type: "key", version: 1, adapter: new PrismaAdapter(prisma.benchSession) },
    }),
  );
  bot.use(createConversation(registration(saveResult), "registration"));
  bot.command("dangky", (ctx) => ctx.conversation.enter("registration"));
  try {
    const result = await drive({ bot, api, ...load, script: registrationScript, strictButtons: true });
    const completed = await prisma.benchSession.count({ where: { key: { startsWith: "result:" } } });
    return { ...result, dbBytes: await db.size(), completed, calls: api.calls() };
  } finally {
    await prisma.$disconnect();
  }
}
