/** Printed for --help and for any bad argument (exit code 2). */
export const USAGE = `Usage: npm run --silent dvk -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  org import <file>                         load or update the organisation tree (CSV or JSON)
  org import --units vn-2025 [--province <code>]
                                            the 2025 provinces and communes (two-tier rulebook)
  invite --body <code> --role <role>        create a one-time invitation (role: officer, committee, admin)
         [--days <n>]                       days until it expires (default 14)
  membership list [--body <code>]           who holds which role at which body
  membership revoke --person <id> --body <code> [--role <role>]
                                            end a role at once (audited)
  submissions list [--body <code>] [--status <status>] [--json] [--with-contacts]
                                            list submissions (a body includes the bodies below it);
                                            phones masked unless --with-contacts; every list audited
  report --body <code> --year <y>|<from>-<to> [--xlsx <file>] [--csv <file>] [--docx <file>]
                                            figures and the summary list of a body and those below it
                                            (--docx: the summary list for a meeting, as Word)
  documents form-docx|form-pdf|certificate <code> --out <file>
                                            a registration's form (Word, PDF) or a recognised model's certificate (PDF)
  gallery list                              the models published in the public gallery
  gallery unpublish <code> [--reason <text>]
                                            take a model off the public gallery (audited)
  nudges run --now <ISO time>               one pass of the deadline nudges at that clock
  deliveries list --unreached [--body <code>] [--days <n>] [--json]
                                            notifications that reached nobody (last 30 days), and whom
  deliveries report --month YYYY-MM [--json]
                                            per channel: sent, refused, unreached; template messages and cost
  data new-key                              print a fresh key for DATA_ENCRYPTION_KEY
  data rotate-key                           re-encrypt all personal data under DATA_ENCRYPTION_NEW_KEY
                                            (a local database: under a new key in its key file)
  data prune --now <ISO time>               one pass of the retention rules (the server runs it daily)
  chat                                      chat with the bot in this terminal

Environment: DATABASE_URL (default file:./data/dvk.db), RULEBOOK, TELEGRAM_BOT_USERNAME, …
(see README.md).`;

export class UsageError extends Error {
  override readonly name = "UsageError";
}
