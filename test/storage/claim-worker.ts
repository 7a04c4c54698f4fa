// A separate process claiming notifications until none are due; prints the ids it claimed as JSON.
// Used by notifications.test.ts to prove two processes never claim the same notification.
import { openStore } from "../../src/storage/client.ts";
import { testCipher } from "../support/data-key.ts";

const [url, worker] = process.argv.slice(2);
if (!url || !worker) throw new Error("usage: claim-worker <database url> <worker name>");
const store = await openStore(url, { cipher: testCipher() });
const now = new Date();
const leaseUntil = new Date(now.getTime() + 3_600_000);
const claimed: string[] = [];
for (;;) {
  const batch = await store.notifications.claimDue(now, worker, leaseUntil, 3);
  if (batch.length === 0) break;
  claimed.push(...batch.map((n) => n.id));
}
await store.close();
process.stdout.write(JSON.stringify(claimed));
