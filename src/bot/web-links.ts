import { workspaceUrl } from "../application/services/web-signin.ts";

/**
 * Links from chat to the officers' workspace (a view's `web` path), built from PUBLIC_URL. Over
 * https, Telegram opens them as its Mini App (signed in by its initData); elsewhere they are
 * plain links to the page (signed in with /web).
 */
export interface WebLinks {
  /** Telegram accepts web apps only over https. */
  https: boolean;
  /** The page itself, in any browser. */
  page(path: string): string;
  /** The Mini App's entry, which signs in and goes to the page. */
  miniApp(path: string): string;
}

export function webLinks(publicUrl: string | undefined): WebLinks | undefined {
  if (!publicUrl) return undefined;
  return {
    https: publicUrl.startsWith("https:"),
    page: (path) => workspaceUrl(publicUrl, path),
    miniApp: (path) => workspaceUrl(publicUrl, `/miniapp?next=${encodeURIComponent(workspaceUrl("", path))}`),
  };
}
