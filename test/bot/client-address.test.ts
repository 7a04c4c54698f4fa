import { describe, expect, it } from "vitest";
import { clientAddress, NO_PROXY, parseTrustProxy } from "../../src/bot/http/client-address.ts";

describe("the client's address (TRUST_PROXY)", () => {
  it("is the socket's without a trusted proxy, whatever the client writes in X-Forwarded-For", () => {
    expect(clientAddress("198.51.100.4", "203.0.113.1", NO_PROXY)).toBe("198.51.100.4");
    expect(clientAddress("::ffff:198.51.100.4", undefined, NO_PROXY)).toBe("198.51.100.4");
    // No header and no proxy: still the socket's own address, never one key for everybody.
    expect(clientAddress("198.51.100.4", undefined, NO_PROXY)).not.toBe(
      clientAddress("198.51.100.5", undefined, NO_PROXY),
    );
  });

  it("believes only the hops the trusted proxies appended, counted from the socket's end", () => {
    const one = parseTrustProxy("1");
    // nginx appends the address it was reached from: the client's own first hops are not believed.
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9", one)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", ["6.6.6.6", "203.0.113.9"], one)).toBe("203.0.113.9");
    const two = parseTrustProxy("2");
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.0.0.2", two)).toBe("203.0.113.9");
    // Fewer hops than proxies: the farthest there is.
    expect(clientAddress("127.0.0.1", "", two)).toBe("127.0.0.1");
  });

  it("skips known proxy addresses and networks, and takes the first other one", () => {
    const known = parseTrustProxy("127.0.0.1, 10.0.0.0/8, ::1");
    expect(clientAddress("127.0.0.1", "6.6.6.6, 203.0.113.9, 10.1.2.3", known)).toBe("203.0.113.9");
    // A request that did not come through a known proxy: its socket, whatever the header says.
    expect(clientAddress("192.0.2.50", "6.6.6.6", known)).toBe("192.0.2.50");
    expect(clientAddress("::1", "2001:db8::7", known)).toBe("2001:db8::7");
  });

  it("refuses a setting that is neither a number nor addresses", () => {
    expect(() => parseTrustProxy("yes")).toThrow(/neither a number of hops nor an address/);
    expect(() => parseTrustProxy("10.0.0.0/40")).toThrow(/network prefix/);
    expect(() => parseTrustProxy("99")).toThrow(/at most 10/);
    expect(parseTrustProxy("")).toEqual(NO_PROXY);
    expect(parseTrustProxy(" 0 ")).toEqual(NO_PROXY);
  });
});
