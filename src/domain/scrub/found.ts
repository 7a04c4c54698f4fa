import type { Span } from "./view.ts";

/** What the scrubber hides: a phone number, an e-mail address, a person's name, an address, a long number. */
export const SCRUB_KINDS = ["phone", "email", "name", "address", "number"] as const;
export type ScrubKind = (typeof SCRUB_KINDS)[number];

/** A span a detector found: `sure` ones are removed, the others withheld until an officer confirms them. */
export interface Found extends Span {
  kind: ScrubKind;
  sure: boolean;
}
