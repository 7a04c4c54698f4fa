import type { OrgTree } from "../domain/org.ts";
import type { Rulebook } from "../domain/rulebook/schema.ts";
import type { Language, Membership, PersonId } from "../domain/types.ts";
import type { Label } from "./view.ts";

/** What a dialog step may read besides its state: all of it loaded before the step runs. */
export interface DialogContext {
  rulebook: Rulebook;
  tree: OrgTree;
  now: Date;
  person: { id: PersonId; language: Language; memberships: Membership[] };
  /** Fresh ids (drafts), injected to keep steps pure. */
  newId: () => string;
  /** A label as the person reads it, to match what they type against the choices. */
  label: (label: Label) => string;
}
