import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { createServer } from "node:net";
import { root } from "./fixtures.ts";

/** A free TCP port on 127.0.0.1 (for the bot's HTTP server in webhook mode). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The real bot process (`npm start`'s entry), with its output kept for failure messages. */
export class BotProcess {
  output = "";
  private constructor(private readonly child: ChildProcess) {
    child.stdout?.on("data", (d) => (this.output += d));
    child.stderr?.on("data", (d) => (this.output += d));
  }

  static start(env: Record<string, string>): BotProcess {
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      // Tests type far faster than anyone: no incoming rate limit unless a test sets one.
      env: { ...process.env, LOG_LEVEL: "info", RATE_LIMIT_PER_SECOND: "off", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    return new BotProcess(child);
  }

  /** Resolves once the output contains `text`. */
  async waitFor(text: string, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null)
        throw new Error(`bot exited (${this.child.exitCode}):\n${this.output}`);
      if (Date.now() > until) throw new Error(`bot did not say "${text}":\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  /** Ends the process: a polite SIGTERM, or `SIGKILL` to simulate a crash. */
  async stop(signal: NodeJS.Signals = "SIGTERM"): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    this.child.kill(signal);
    return exited;
  }
}

/** Runs the `dvk` command line against a database; returns its standard output. */
export function dvk(args: string[], env: Record<string, string>): string {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    encoding: "utf8",
  });
  if (result.status !== 0)
    throw new Error(`dvk ${args.join(" ")} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}
