import { type App, readOrgTree } from "../app.ts";

/** Adds or updates the bodies of a CSV or JSON file; bodies not in the file are kept. */
export async function importOrg(app: App, file: string): Promise<number> {
  const units = readOrgTree(file, app.rulebook);
  await app.store.org.upsertMany(units);
  return units.length;
}
