import type { Context } from "hono";
import { z } from "zod";
import { loadReview } from "../../application/services/decisions.ts";
import type { ReviewData } from "../../dialogs/effects.ts";
import type { SiteDeps } from "../site.ts";
import { serviceContext } from "./service.ts";
import type { WorkspaceEnv } from "./session.ts";

/** An id in the workspace's paths (a submission's, a withheld fragment's). */
export const idParam = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** The submission as the officer may see it, or null (unknown id, or not theirs: a 404 either way). */
export async function review(c: Context<WorkspaceEnv>, deps: SiteDeps): Promise<ReviewData | null> {
  const id = idParam.safeParse(c.req.param("id"));
  if (!id.success) return null;
  return loadReview(deps.store, serviceContext(deps, c.var.officer), id.data);
}
