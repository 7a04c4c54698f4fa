// Completes package-lock.json with the platform packages this machine's registry mirror does not
// serve (macOS, Windows, Android and musl builds of @biomejs/cli-* and @napi-rs/canvas-*).
// Without their entries `npm ci` refuses the lock as "out of sync"; with them, npm skips them on
// Linux because their os/cpu/libc do not match, so nothing is fetched. Run after `npm install`.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

/** os, cpu and libc from a platform package's name, e.g. cli-linux-x64-musl. */
function platform(name) {
  const os = ["android", "darwin", "freebsd", "linux", "win32"].find((o) => name.includes(`-${o}-`));
  const cpu = ["arm64", "x64", "arm", "ia32", "riscv64", "ppc64", "s390x"].find((c) =>
    new RegExp(`-${c}(-|$)`).test(name),
  );
  const libc = name.endsWith("-musl")
    ? ["musl"]
    : name.endsWith("-gnu") || (os === "linux" && !name.includes("-musl"))
      ? ["glibc"]
      : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const where = `node_modules/${dep}`;
    if (packages[where]) continue;
    const { os, cpu, libc } = platform(dep);
    if (!os || !cpu) continue;
    packages[where] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(libc ? { libc } : {}),
    };
    added++;
    void path;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform entries added`);
