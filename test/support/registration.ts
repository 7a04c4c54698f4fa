import { DESCRIPTION_ITEMS } from "../../src/domain/types.ts";
import { completeDraft } from "./fixtures.ts";

/** The ten description items of the complete draft, in the order the dialog asks them. */
export const DESCRIPTION_ANSWERS: string[] = DESCRIPTION_ITEMS.map(
  (item) => completeDraft().description[item]!,
);

/** The answers of a whole registration, typed after /dangky (numbers pick choices). */
export const REGISTRATION = [
  "2",
  "1",
  "1",
  "ninh nhat",
  "Chi bộ thôn Đông",
  "Thôn Đông, xã Ninh Nhất",
  // The notice before the first personal question: "Đồng ý".
  "1",
  "Nguyễn Văn An",
  "0912 345 678",
  "1",
  ...DESCRIPTION_ANSWERS,
  "bỏ qua",
  "10",
  "14",
  "13",
  "14",
  "13",
  "13",
  "13",
];

/** Registers the complete model as `user` on a test app's channel: /dangky, every answer, and submits it. */
export async function registerModel(
  a: { send(user: string, text: string, channel?: string): Promise<string> },
  user: string,
  answers: readonly string[] = REGISTRATION,
  channel?: string,
): Promise<string> {
  let last = await a.send(user, "/dangky", channel);
  for (const answer of [...answers, "Gửi đăng ký"]) last = await a.send(user, answer, channel);
  return last;
}
