/** Where the workspace is served (also the Telegram Mini App's address). */
export { WORKSPACE_PATH as WORKSPACE_PREFIX } from "../../application/services/web-signin.ts";
