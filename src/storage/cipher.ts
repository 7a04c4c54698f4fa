import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";

/**
 * Personal data at rest: AES-256-GCM with keys from DATA_ENCRYPTION_KEY. A value is stored as
 * `enc1:<key id>:<iv>:<tag>:<ciphertext>` (base64url), so a database read raw shows no phone number
 * or name, each value says which key made it, and rotating the key re-encrypts what an older one made.
 */

/** What every encrypted value starts with; the key id follows (KEY_ID_LENGTH characters). */
export const SEALED_PREFIX = "enc1:";
export const KEY_ID_LENGTH = 8;
const PREFIX = SEALED_PREFIX;
const IV_BYTES = 12;

export class CipherError extends Error {
  override readonly name = "CipherError";
}

/** A 32-byte key given as 64 hex characters or as base64 / base64url. */
export function parseKey(text: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (key.length !== 32)
    throw new CipherError("expected 32 bytes: 64 hex characters or 44 base64 characters");
  return key;
}

export function newKey(): string {
  return randomBytes(32).toString("base64");
}

/** The key's public name: stored with every value it encrypts. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, KEY_ID_LENGTH);
}

export interface Cipher {
  /** The id of the key new values are encrypted with. */
  readonly keyId: string;
  encrypt(plain: string): string;
  /** A value made by any key of the ring; plain text (written before encryption) is read as it is. */
  decrypt(stored: string): string;
  isEncrypted(stored: string): boolean;
  /** True when the value was made with an older key (rotation re-encrypts it). */
  isStale(stored: string): boolean;
  /** Whether the ring holds the key of that id (what start-up checks the stored values against). */
  holds(keyId: string): boolean;
  /** A keyed digest: equal inputs give equal digests, and without the key nothing can be guessed. */
  digest(plain: string): string;
}

/** A cipher over the current key and the older ones still needed to read. */
export function createCipher(current: Buffer, older: Buffer[] = []): Cipher {
  const ring = new Map([current, ...older].map((k) => [keyId(k), k]));
  const currentId = keyId(current);
  // A key of its own for digests: the encryption key is never used for two purposes.
  const digestKey = Buffer.from(hkdfSync("sha256", current, Buffer.alloc(0), "dvk digest", 32));
  return {
    keyId: currentId,
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", current, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const tag = cipher.getAuthTag();
      return `${PREFIX}${currentId}:${iv.toString("base64url")}:${tag.toString("base64url")}:${body.toString("base64url")}`;
    },
    decrypt(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [id, iv, tag, body] = stored.slice(PREFIX.length).split(":");
      const key = id ? ring.get(id) : undefined;
      if (!key || iv === undefined || tag === undefined || body === undefined)
        throw new CipherError(
          `a value was encrypted with key ${id ?? "?"}, which DATA_ENCRYPTION_KEY does not hold`,
        );
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
    isEncrypted: (stored) => stored.startsWith(PREFIX),
    isStale: (stored) => stored.startsWith(PREFIX) && !stored.startsWith(`${PREFIX}${currentId}:`),
    holds: (id) => ring.has(id),
    digest: (plain) =>
      `h1:${createHmac("sha256", digestKey).update(plain, "utf8").digest("base64url").slice(0, 22)}`,
  };
}

/** For storage opened without personal data to protect (migrations, tests of other things). */
export const NO_CIPHER: Cipher = {
  keyId: "none",
  encrypt: (plain) => plain,
  decrypt: (stored) => {
    if (stored.startsWith(PREFIX))
      throw new CipherError("the database holds encrypted personal data: set DATA_ENCRYPTION_KEY");
    return stored;
  },
  isEncrypted: (stored) => stored.startsWith(PREFIX),
  isStale: () => false,
  holds: () => false,
  digest: (plain) => `h0:${createHash("sha256").update(plain, "utf8").digest("base64url").slice(0, 22)}`,
};
