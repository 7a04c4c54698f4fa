import { BlockList, isIP } from "node:net";

/**
 * Who is at the other end of a request, behind reverse proxies (TRUST_PROXY): the address the
 * rate limits count and the logs name. A client can write any X-Forwarded-For it likes; only the
 * hops our own proxies appended are believed, counted from the socket's end of the header.
 */
export type TrustProxy =
  /** No proxy: the socket's address. */
  | { kind: "none" }
  /** This many proxies in front of us, each appending the address it was reached from. */
  | { kind: "hops"; hops: number }
  /** Proxies known by address (or network, CIDR): hops from them are believed, the first other one is the client. */
  | { kind: "addresses"; list: BlockList; text: string };

export const NO_PROXY: TrustProxy = { kind: "none" };

export class TrustProxyError extends Error {}

/** TRUST_PROXY as written: empty, a number of hops, or addresses and networks separated by commas. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return NO_PROXY;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 10) throw new TrustProxyError("expected at most 10 hops");
    return { kind: "hops", hops };
  }
  const list = new BlockList();
  for (const part of text.split(",").map((p) => p.trim())) {
    const [address, bits] = part.split("/");
    const family = isIP(address ?? "");
    if (family === 0) throw new TrustProxyError(`"${part}" is neither a number of hops nor an address`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(address!, type);
    else {
      const prefix = Number(bits);
      if (!/^\d+$/.test(bits) || prefix > (family === 6 ? 128 : 32))
        throw new TrustProxyError(`"${part}" has a bad network prefix`);
      list.addSubnet(address!, prefix, type);
    }
  }
  return { kind: "addresses", list, text };
}

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) is 127.0.0.1. */
function plain(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function trusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * The client's address: the socket's, or, behind trusted proxies, the last address in
 * X-Forwarded-For that no trusted proxy wrote. Never one value for every client: with no proxy
 * and no header the socket's own address is it.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trust: TrustProxy,
): string {
  const socket = plain(socketAddress ?? "unknown");
  if (trust.kind === "none") return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  // Nearest first: the socket, then the header from its end (each proxy appends what it saw).
  const chain = [
    socket,
    ...header
      .split(",")
      .map((a) => plain(a.trim()))
      .filter(Boolean)
      .reverse(),
  ];
  if (trust.kind === "hops") return chain[Math.min(trust.hops, chain.length - 1)]!;
  const first = chain.findIndex((a) => !trusted(trust.list, a));
  return first === -1 ? chain.at(-1)! : chain[first]!;
}
