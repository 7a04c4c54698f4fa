import { describe } from "vitest";
import { outageTests } from "./outage-scenario.ts";

// A file of its own, so it runs beside the SQLite outage tests rather than after them.
if (process.env.TEST_DATABASE_URL) outageTests("postgres");
else describe.skip("a 45 s database outage on PostgreSQL (TEST_DATABASE_URL unset)", () => {});
