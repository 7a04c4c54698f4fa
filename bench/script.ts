// A whole registration as a person does it on Telegram (as in test/e2e/telegram.test.ts):
// /dangky, buttons for the choices (the consent among them), text for the rest — 30 updates. Each user names their own
// unit, so no registration is refused as a duplicate of another's.
import type { Action } from "./harness.ts";

export const DESCRIPTION = [
  "Tổ tự quản đường hoa thôn Đông",
  "Đường liên thôn nhiều rác, người dân chưa có thói quen giữ vệ sinh chung.",
  "100% hộ tham gia; 2 km đường có hoa, không còn điểm rác tự phát trong năm 2026.",
  "Họp dân thống nhất quy ước; chia đoạn đường cho từng hộ; ra quân vệ sinh hằng tuần.",
  "Thôn Đông, 156 hộ, khoảng 600 nhân khẩu.",
  "Chi bộ thôn chủ trì; Chi hội Phụ nữ, Chi đoàn phối hợp.",
  "Nhân dân đóng góp 45 triệu đồng và 800 ngày công.",
  "Từ tháng 3/2026; sơ kết tháng 9/2026.",
  "2 km đường hoa; quy ước giữ vệ sinh được 100% hộ ký cam kết.",
  "Quỹ chăm sóc hoa do các hộ tự góp; các thôn khác có thể áp dụng ngay.",
];

export const SCORES = ["10", "12", "15", "12", "15", "12", "12"];

export function registrationScript(n: number): Action[] {
  return [
    { say: "/dangky" },
    { press: "Văn hóa – xã hội" },
    { press: "Một tập thể" },
    { press: "Chi bộ" },
    { say: "ninh nhat" },
    { say: `Chi bộ thôn Đông số ${n + 1}` },
    { say: "Thôn Đông, xã Ninh Nhất" },
    // The notice and the consent before the first personal question (Law 91/2025).
    { press: "Đồng ý" },
    { say: "Nguyễn Văn An" },
    { say: "0912 345 678" },
    { press: "Xây dựng mới" },
    ...DESCRIPTION.map((say) => ({ say })),
    { press: "Bỏ qua" },
    ...SCORES.map((points) => ({ press: `${points} điểm` })),
    { press: "Gửi đăng ký" },
  ];
}

/**
 * Steps compared for "step 1 vs step 30": the first update (/dangky), and the 27th — the deepest
 * that does what the early ones do (an answer, its confirmation, the next question). The 28th
 * also renders the three-message review and the 29th is the submission itself.
 */
export const FIRST_STEP = 1;
export const DEEP_STEP = 27;
export const STEPS = registrationScript(0).length;
