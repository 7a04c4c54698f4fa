// The generic pieces of every web site (the officers' workspace, the public gallery).
export { fromAcceptLanguage, isLanguage, type Texts, textsFor } from "./i18n.ts";
export { securityHeaders } from "./security.ts";
export { type Html, shell, withLanguage } from "./shell.ts";
export {
  createSiteApp,
  errorPage,
  type KitBindings,
  type KitEnv,
  type KitVariables,
  page,
  type SiteAppOptions,
} from "./site-app.ts";
export { KIT_FONTS, KIT_STATIC, staticAssets } from "./static.ts";
