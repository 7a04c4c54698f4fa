import type { Language } from "../../domain/types.ts";
import type { Translator } from "../i18n.ts";
import { words } from "./labels.ts";
import type { Report } from "./report.ts";

/**
 * A short summary for chat, in the style Ban Dân vận publish figures (seed 003: "4.110 mô hình,
 * trong đó kinh tế 575, văn hóa – xã hội 2.951…"):
 *
 *   Ban Dân vận Huyện ủy Hoa Lư, năm 2026: 13 mô hình — 4 Kinh tế, 5 Văn hóa – xã hội, …
 *   Tình trạng — Đã tiếp nhận: 2; Đã được công nhận: 4; …
 *   Được công nhận — Cấp xã: 5; Cấp huyện: 3; Cấp tỉnh: 1.
 *   Mới 10, nhân rộng 3; tập thể 10, cá nhân 3; đăng ký quá hạn 3.
 */
export function reportText(report: Report, translator: Translator, language: Language): string {
  const w = words(report, translator, language);
  const s = report.statistics;
  const head = { body: report.body.name, period: w.period };
  if (s.total === 0) return w.t("report.text.empty", head);
  const fields = s.fields
    .map((f) => w.t("report.text.field_item", { n: w.n(s.byField[f]), field: w.t(`rb:fields.${f}.name`) }))
    .join(", ");
  const statuses = s.statuses
    .filter((st) => s.byStatus[st] > 0)
    .map((st) => w.t("report.text.status_item", { status: w.t(`status.${st}`), n: w.n(s.byStatus[st]) }))
    .join("; ");
  const recognized = s.tiers
    .map((t) =>
      w.t("report.text.tier_item", { tier: w.t(`report.tiers.${t}`), n: w.n(s.recognizedByTier[t]) }),
    )
    .join("; ");
  return [
    w.t("report.text.summary", { ...head, count: s.total, total: w.n(s.total), fields }),
    w.t("report.text.statuses", { list: statuses }),
    w.t("report.text.recognized", { list: recognized }),
    w.t("report.text.other", {
      new: w.n(s.byModelKind.new),
      replication: w.n(s.byModelKind.replication),
      collective: w.n(s.byRegistrantKind.collective),
      individual: w.n(s.byRegistrantKind.individual),
      late: w.n(s.late),
    }),
  ].join("\n");
}
