/** Printed for --help and for any bad argument (exit code 2). */
export const USAGE = `Usage: npm run --silent dvk -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  org import <file>                         load or update the organisation tree (CSV or JSON)
  invite --body <code> --role <role>        create a one-time invitation (role: officer, committee, admin)
         [--days <n>]                       days until it expires (default 14)
  submissions list [--body <code>] [--status <status>] [--json]
                                            list submissions (a body includes the bodies below it)
  chat                                      chat with the bot in this terminal

Environment: DATABASE_URL (default file:./data/dvk.db), RULEBOOK, TELEGRAM_BOT_USERNAME, …
(see README.md).`;

export class UsageError extends Error {
  override readonly name = "UsageError";
}
