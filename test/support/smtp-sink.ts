import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerError } from "smtp-server";

// A real SMTP server on 127.0.0.1 (smtp-server) that keeps what it receives, parsed (mailparser).
// Tests send through the bot's mailer and read each message back: its envelope, headers, text
// and HTML parts. It can demand a login, refuse or defer chosen recipients at RCPT TO (5xx/4xx),
// refuse a message at DATA, and speak TLS from the start (smtps, with smtp-server's built-in
// self-signed localhost certificate).

export interface SinkOptions {
  /** Logins it accepts; with none, no login is needed. */
  users?: Record<string, string>;
  /** TLS from the first byte (smtps://); otherwise plain SMTP without STARTTLS. */
  secure?: boolean;
}

export interface Refusal {
  code: number;
  message: string;
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  /** The login used, if any. */
  user?: string;
  raw: Buffer;
  parsed: ParsedMail;
}

const failure = (refusal: Refusal): SMTPServerError =>
  Object.assign(new Error(refusal.message), { responseCode: refusal.code });

export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** Every RCPT TO the server answered, and how. */
  readonly rcpts: { address: string; code: number }[] = [];
  readonly logins: { user: string; ok: boolean }[] = [];
  private readonly refusals = new Map<string, Refusal>();
  private dataRefusal: Refusal | null = null;
  private waiters: (() => void)[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly secure: boolean,
  ) {}

  static async start(options: SinkOptions = {}): Promise<SmtpSink> {
    let sink: SmtpSink | undefined;
    const users = options.users;
    const server = new SMTPServer({
      secure: options.secure ?? false,
      disabledCommands: options.secure ? [] : ["STARTTLS"],
      authOptional: !users,
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        const ok = !!users && users[auth.username ?? ""] === auth.password;
        sink!.logins.push({ user: auth.username ?? "", ok });
        if (!ok) return callback(failure({ code: 535, message: "5.7.8 Authentication credentials invalid" }));
        callback(null, { user: auth.username });
      },
      onRcptTo(address, _session, callback) {
        const refusal = sink!.refusals.get(address.address.toLowerCase());
        sink!.rcpts.push({ address: address.address, code: refusal?.code ?? 250 });
        callback(refusal ? failure(refusal) : null);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", async () => {
          if (sink!.dataRefusal) return callback(failure(sink!.dataRefusal));
          const raw = Buffer.concat(chunks);
          const envelope = session.envelope;
          sink!.received.push({
            envelope: {
              from: envelope.mailFrom ? envelope.mailFrom.address : "",
              to: envelope.rcptTo.map((r) => r.address),
            },
            ...(typeof session.user === "string" ? { user: session.user } : {}),
            raw,
            parsed: await simpleParser(raw),
          });
          for (const wake of sink!.waiters.splice(0)) wake();
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    sink = new SmtpSink(server, port, options.secure ?? false);
    return sink;
  }

  /** The SMTP_URL that reaches this server, with a login when given. */
  url(login?: { user: string; pass: string }): string {
    const auth = login ? `${encodeURIComponent(login.user)}:${encodeURIComponent(login.pass)}@` : "";
    const scheme = this.secure ? "smtps" : "smtp";
    // The built-in certificate is self-signed (for localhost): trust it here, and only here.
    const query = this.secure ? "?tls.rejectUnauthorized=false" : "";
    return `${scheme}://${auth}127.0.0.1:${this.port}${query}`;
  }

  /** RCPT TO this address is answered with `code` (550: no such user, 450: mailbox busy…). */
  refuse(address: string, code = 550, message = "5.1.1 No such user here"): void {
    this.refusals.set(address.toLowerCase(), { code, message });
  }

  /** The end of DATA is answered with this refusal (null: accept again). */
  refuseData(refusal: Refusal | null): void {
    this.dataRefusal = refusal;
  }

  /** What was received for an address, in order. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelope.to.some((a) => a.toLowerCase() === address.toLowerCase()));
  }

  /** Resolves once `count` messages have arrived. */
  async waitFor(count: number, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.received.length} of ${count} messages arrived`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
