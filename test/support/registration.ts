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
