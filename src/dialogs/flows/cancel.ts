import type { FlowModule } from "../flow.ts";
import { say } from "../view.ts";

/** /huy: pause what is in progress (a registration's draft is kept). */
export const cancel: FlowModule = {
  name: "cancel",
  command: { name: "cancel", words: ["huy", "cancel"], menu: true, who: "anyone", mode: "replace" },
  start: (request) => ({ flow: null, views: [say(request.paused ? "reg.cancelled" : "cancel.nothing")] }),
};
