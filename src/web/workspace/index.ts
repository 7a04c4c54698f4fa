import type { Site } from "../site.ts";
import { createWorkspace } from "./app.ts";
import { WORKSPACE_PREFIX } from "./paths.ts";

/** The officers' workspace under /app: the queue, a submission, decisions and reports; also the Telegram Mini App. */
export const workspace: Site = {
  name: "workspace",
  create: (deps) => {
    const app = createWorkspace(deps);
    return { prefix: WORKSPACE_PREFIX, fetch: (request, env) => app.fetch(request, env) };
  },
};
