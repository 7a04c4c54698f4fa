// Published models made up for the gallery's tests and benchmark: Vietnamese names with their
// diacritics, real provinces and communes of 2025, every field, tier and year, deterministic.
import type { GalleryEntry } from "../../src/domain/gallery.ts";
import { gallerySlug } from "../../src/domain/gallery.ts";
import { SCRUBBER_VERSION } from "../../src/domain/scrub/scrub.ts";
import { formatSubmissionCode } from "../../src/domain/submission-code.ts";
import { FIELD_IDS, TIERS } from "../../src/domain/types.ts";
import { VN_UNITS_2025, vnCommuneCode } from "../../src/domain/vn-units.ts";

const TOPICS = [
  "Dân vận khéo trong xây dựng nông thôn mới",
  "Đoạn đường nở hoa",
  "Tổ tự quản vệ sinh môi trường",
  "Chi hội phụ nữ tiết kiệm giúp nhau thoát nghèo",
  "Hiến đất mở rộng đường giao thông",
  "Camera an ninh cộng đồng",
  "Hợp tác xã lúa gạo hữu cơ",
  "Ngày chủ nhật xanh",
  "Bữa cơm nghĩa tình cho bệnh nhân nghèo",
  "Dòng họ không có tội phạm và tệ nạn xã hội",
  "Cải cách hành chính một cửa thân thiện",
  "Thu gom rác thải nhựa đổi quà",
  "Vườn cây ăn quả kiểu mẫu",
  "Khu dân cư an toàn giao thông",
  "Chuyển đổi số trong tiếp công dân",
  "Nuôi ong lấy mật giảm nghèo bền vững",
];
const UNITS = [
  "Chi bộ thôn",
  "Hội Nông dân xã",
  "Chi đoàn",
  "Hội Liên hiệp Phụ nữ",
  "Tổ dân phố",
  "Công an xã",
];
const PLACES = ["Đông", "Tây", "Thượng", "Hạ", "Phú Mỹ", "An Lạc", "Hòa Bình", "Tân Tiến"];

const COMMUNES = VN_UNITS_2025.flatMap((p) =>
  p.Wards.map((w) => ({
    provinceCode: p.Code,
    provinceName: p.FullName,
    communeCode: vnCommuneCode(p.Code, w.Code),
    communeName: `${w.AdministrativeUnitShortName} ${w.Name}`,
  })),
);

/** The i-th made-up published model (i from 0): its fields spread evenly. */
export function sampleEntry(i: number, overrides: Partial<GalleryEntry> = {}): GalleryEntry {
  const place = COMMUNES[(i * 7919) % COMMUNES.length]!;
  const topic = TOPICS[i % TOPICS.length]!;
  const year = 2021 + (i % 6);
  const code = formatSubmissionCode(year, 100_000 + i);
  const unit = `${UNITS[i % UNITS.length]} ${PLACES[(i >> 2) % PLACES.length]}`;
  const entry: GalleryEntry = {
    rootId: `root-${i}`,
    submissionId: `sub-${i}`,
    code,
    slug: gallerySlug(code),
    personId: `person-${i % 5000}`,
    name: `${topic} ${PLACES[i % PLACES.length]} ${i}`,
    unitName: unit,
    unitCategory: "village_party_cell",
    field: FIELD_IDS[i % FIELD_IDS.length]!,
    tier: TIERS[(i >> 1) % TIERS.length]!,
    year,
    ...place,
    bodyName: `Ban Dân vận ${place.provinceName}`,
    description: {
      situation: `Trước đây ${place.communeName} còn nhiều khó khăn về ${topic.toLowerCase()}, người dân chưa đồng thuận.`,
      goals: "Huy động sức dân, mỗi hộ tham gia ít nhất một buổi mỗi tháng; giảm 30% hộ nghèo.",
      activities: `${unit} vận động từng hộ, tổ chức họp dân, phân công đảng viên phụ trách nhóm hộ.`,
      area: `Toàn ${place.communeName}, ${place.provinceName}; 1.200 hộ dân được hưởng lợi.`,
      forces: "Chi bộ lãnh đạo, Mặt trận và các đoàn thể phối hợp, người dân thực hiện.",
      resources: "Nhân dân đóng góp 350 ngày công, xã hội hoá 120 triệu đồng.",
      timeline: `Bắt đầu tháng 3/${year}, sơ kết sau 6 tháng, tổng kết cuối năm.`,
      outputs: "Làm mới 2 km đường, trồng 3.000 cây xanh, 15 hộ thoát nghèo.",
      sustainability: "Duy trì bằng quy ước của thôn; đã được 4 xã lân cận học tập nhân rộng.",
    },
    results: null,
    photos: [],
    recognizedAt: new Date(Date.UTC(year, 9, 1 + (i % 14))),
    publishedAt: new Date(Date.UTC(year, 9, 15)),
    scrubber: SCRUBBER_VERSION,
  };
  return { ...entry, ...overrides };
}
