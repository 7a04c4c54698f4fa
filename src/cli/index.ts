import { type ParseArgsConfig, parseArgs } from "node:util";
import { type App, type AppOptions, createApp } from "../app.ts";
import { languageOf } from "../application/runner.ts";
import { environmentSecrets, fallbackChannels, loadConfig, loggerFor } from "../config.ts";
import { serve } from "../serve.ts";
import { describeStartupError } from "../startup-errors.ts";
import { migrate } from "../storage/index.ts";
import { newDataKey, planRotation, pruneData, rotateKey } from "./data.ts";
import { deliveryReport, listDeliveries } from "./deliveries.ts";
import { listGallery, unpublish, writeDocument } from "./documents.ts";
import { invite } from "./invite.ts";
import { listMemberships, revokeMembership } from "./membership.ts";
import { runNudges } from "./nudges.ts";
import { importOrg, importUnits } from "./org.ts";
import { report } from "./report.ts";
import { listSubmissions } from "./submissions.ts";
import { USAGE, UsageError } from "./usage.ts";

/** `npm run --silent dvk -- <command>`: the administrator's command line (DESIGN §4). */

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

type Options = Record<string, string | boolean | undefined>;

function parse(args: string[], options: ParseArgsConfig["options"]) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: "boolean" } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--now`, required: the clock a one-off pass runs at. */
function isoTime(given: string | boolean | undefined): Date {
  const now = typeof given === "string" ? new Date(given) : new Date(Number.NaN);
  if (Number.isNaN(now.getTime()))
    throw new UsageError("--now must be an ISO time, e.g. 2026-03-16T08:00:00+07:00");
  return now;
}

/** The CLI waits longer than the server for another process's lock: nobody else waits on it. */
const CLI_BUSY_TIMEOUT_MS = 30_000;

async function withApp<T>(
  work: (app: App) => Promise<T>,
  clock?: () => Date,
  config = loadConfig(),
  options: AppOptions = {},
): Promise<T> {
  const app = await createApp(config, loggerFor(config), {
    busyTimeoutMs: CLI_BUSY_TIMEOUT_MS,
    ...(clock ? { clock } : {}),
    ...options,
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "--help" || command === "help") {
      io.out(USAGE);
      return command ? 0 : 2;
    }
    switch (command) {
      case "migrate": {
        parse(rest, {});
        const config = loadConfig();
        const applied = await migrate(config.DATABASE_URL);
        io.out(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
        return 0;
      }
      case "org": {
        const { values, positionals } = parse(rest, {
          units: { type: "string" },
          province: { type: "string" },
        });
        const { units, province } = values as { units?: string; province?: string };
        if (positionals[0] !== "import" || positionals.length !== (units ? 1 : 2) || (province && !units))
          throw new UsageError(
            "expected: org import <file>, or org import --units vn-2025 [--province <code>]",
          );
        const count = await withApp(
          (app) => (units ? importUnits(app, units, province) : importOrg(app, positionals[1]!)),
          undefined,
          undefined,
          { seedOrgTree: false },
        );
        io.out(`Imported ${count} bodies.`);
        return 0;
      }
      case "invite": {
        const { values, positionals } = parse(rest, {
          body: { type: "string" },
          role: { type: "string" },
          days: { type: "string" },
        });
        if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
        io.out(await withApp((app) => invite(app, values as Options)));
        return 0;
      }
      case "membership": {
        const { values, positionals } = parse(rest, {
          body: { type: "string" },
          person: { type: "string" },
          role: { type: "string" },
        });
        const [action, ...extra] = positionals;
        if (extra.length || (action !== "list" && action !== "revoke"))
          throw new UsageError(
            "expected: membership list [--body <code>], or membership revoke --person <id> --body <code> [--role <role>]",
          );
        io.out(
          await withApp((app) =>
            action === "list"
              ? listMemberships(app, values as Options)
              : revokeMembership(app, values as Options),
          ),
        );
        return 0;
      }
      case "submissions": {
        const { values, positionals } = parse(rest, {
          body: { type: "string" },
          status: { type: "string" },
          json: { type: "boolean" },
          "with-contacts": { type: "boolean" },
        });
        if (positionals[0] !== "list" || positionals.length !== 1)
          throw new UsageError("expected: submissions list");
        io.out(await withApp((app) => listSubmissions(app, values as Options)));
        return 0;
      }
      case "documents": {
        const { values, positionals } = parse(rest, { out: { type: "string" } });
        if (positionals.length !== 2) throw new UsageError("expected: documents <kind> <code> --out <file>");
        const language = languageOf(process.env.LANG);
        io.out(
          await withApp((app) =>
            writeDocument(app, positionals[0], positionals[1], (values as Options).out as string, language),
          ),
        );
        return 0;
      }
      case "gallery": {
        const { values, positionals } = parse(rest, { reason: { type: "string" } });
        const [action, code, ...extra] = positionals;
        if (extra.length || !(action === "list" ? !code : action === "unpublish" && code))
          throw new UsageError("expected: gallery list, or gallery unpublish <code> [--reason <text>]");
        io.out(
          await withApp((app) =>
            action === "list"
              ? listGallery(app)
              : unpublish(app, code, (values as Options).reason as string | undefined),
          ),
        );
        return 0;
      }
      case "report": {
        const { values, positionals } = parse(rest, {
          body: { type: "string" },
          year: { type: "string" },
          xlsx: { type: "string" },
          csv: { type: "string" },
          docx: { type: "string" },
        });
        if (positionals.length) throw new UsageError(`unexpected argument ${positionals[0]}`);
        io.out(await withApp((app) => report(app, values as Options, languageOf(process.env.LANG))));
        return 0;
      }
      case "deliveries": {
        const { values, positionals } = parse(rest, {
          unreached: { type: "boolean" },
          body: { type: "string" },
          days: { type: "string" },
          month: { type: "string" },
          json: { type: "boolean" },
        });
        const [action, ...extra] = positionals;
        if (extra.length || (action !== "list" && action !== "report"))
          throw new UsageError(
            "expected: deliveries list --unreached [--body <code>], or deliveries report --month YYYY-MM",
          );
        io.out(
          await withApp((app) =>
            action === "list"
              ? listDeliveries(app, values as Options)
              : deliveryReport(app, values as Options),
          ),
        );
        return 0;
      }
      case "nudges": {
        const { values, positionals } = parse(rest, { now: { type: "string" } });
        if (positionals[0] !== "run" || positionals.length !== 1)
          throw new UsageError("expected: nudges run --now <ISO time>");
        const now = isoTime((values as Options).now);
        io.out(
          await withApp(
            (app) => runNudges(app),
            () => now,
          ),
        );
        return 0;
      }
      case "data": {
        const { values, positionals } = parse(rest, { now: { type: "string" } });
        const [action, ...extra] = positionals;
        if (extra.length || !["new-key", "rotate-key", "prune"].includes(action ?? ""))
          throw new UsageError("expected: data new-key, data rotate-key, or data prune --now <ISO time>");
        if (action === "new-key") {
          io.out(newDataKey());
          return 0;
        }
        if (action === "prune") {
          const now = isoTime((values as Options).now);
          io.out(
            await withApp(
              (app) => pruneData(app),
              () => now,
            ),
          );
          return 0;
        }
        const rotation = planRotation(loadConfig());
        io.out(await withApp((app) => rotateKey(app, rotation), undefined, rotation.config));
        return 0;
      }
      case "chat": {
        parse(rest, {});
        // The terminal chat alone, whatever channels the environment configures.
        const config = { ...loadConfig(), channels: fallbackChannels() };
        await withApp(
          async (app) => {
            const serving = await serve(app);
            await serving.finished;
            await serving.stop();
          },
          undefined,
          config,
        );
        return 0;
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    io.err(describeStartupError(error, environmentSecrets()));
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await run(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
