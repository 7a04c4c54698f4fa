import { gallery, sitemap } from "./gallery/index.ts";
import type { Site } from "./site.ts";
import { workspace } from "./workspace/index.ts";

/** The web applications the server mounts, each under its own path prefix. */
export const SITES: readonly Site[] = [workspace, gallery, sitemap];
