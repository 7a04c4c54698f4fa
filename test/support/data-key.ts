// The data key every test uses: stores opened by tests and bots spawned by them (through the
// environment vitest sets from this file) encrypt personal data alike.
import { createCipher, parseKey } from "../../src/storage/cipher.ts";

export const TEST_DATA_KEY = "dGVzdC1kYXRhLWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2g=";

export const testCipher = () => createCipher(parseKey(TEST_DATA_KEY));
