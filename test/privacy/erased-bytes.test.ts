// After an erasure the erased name and phone must not be readable from the SQLite files at all:
// not in a live row (my-data.test.ts), and not in a free page, a page's unused space or the WAL.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../src/storage/database-url.ts";
import { databaseKinds } from "../storage/databases.ts";
import { useApp } from "../support/app.ts";
import { DESCRIPTION_ANSWERS, REGISTRATION } from "../support/registration.ts";

const CONTACT = "Lê Thị Erasable";
const PHONE = "0912 345 679";
/** A description item that names the contact: texts are kept in clear, and scrubbed on erasure. */
const FORCES = `Chi bộ lãnh đạo; chị ${CONTACT} (${PHONE}) điều phối các tổ tự quản và đoàn viên thanh niên.`;

/** The database's files (the database, its WAL and shared memory), read byte for byte. */
function databaseFiles(url: string): { name: string; bytes: Buffer }[] {
  const { file } = parseDatabaseUrl(url) as { file: string };
  return readdirSync(dirname(file))
    .filter((name) => name.startsWith("dvk.db") && !name.endsWith(".key"))
    .map((name) => ({ name, bytes: readFileSync(join(dirname(file), name)) }));
}

describe.each(databaseKinds.filter((k) => k.provider === "sqlite"))("erased bytes on $provider", (kind) => {
  const app = useApp(kind);

  it("leaves no trace of an erased name or phone in the database file or its WAL", async () => {
    const a = app();
    const answers = REGISTRATION.map((x) =>
      x === "Nguyễn Văn An"
        ? CONTACT
        : x === "0912 345 678"
          ? PHONE
          : x === DESCRIPTION_ANSWERS[5]
            ? FORCES
            : x,
    );
    const say = (text: string) => a.channel().say("chat-1", text);
    for (const text of ["/dangky", ...answers, "Gửi đăng ký"]) await say(text);
    const needles = [CONTACT, PHONE, PHONE.replace(/ /g, "")].map((n) => Buffer.from(n.normalize("NFC")));
    const holding = () =>
      databaseFiles(a.url).flatMap(({ name, bytes }) =>
        needles.filter((n) => bytes.includes(n)).map((n) => `${name}: ${n.toString()}`),
      );
    // The texts are kept in clear while the registration is handled: the scan can see them.
    expect(holding()).toContain(`dvk.db-wal: ${CONTACT}`);

    await say("/dulieu");
    await say("Xoá dữ liệu của tôi");
    expect(await say("Xoá vĩnh viễn")).toContain("Đã xoá dữ liệu của bạn");
    expect(holding()).toEqual([]);
  });

  it("creates the database's folder and files for their owner only", () => {
    const { file } = parseDatabaseUrl(app().url) as { file: string };
    expect(statSync(dirname(file)).mode & 0o077).toBe(0);
    for (const { name } of databaseFiles(app().url))
      expect(statSync(join(dirname(file), name)).mode & 0o077, name).toBe(0);
  });
});
