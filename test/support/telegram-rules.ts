import type { MessageEntity } from "grammy/types";
import { FormatError, formatText, isKnownParseMode } from "./telegram-format.ts";

// Limits Telegram enforces that the type descriptions do not express. Each rule gets the call's
// parameters after type checking and returns what is wrong (the part after "Bad Request: ").

export const LIMITS = {
  text: 4096,
  caption: 1024,
  callbackAnswer: 200,
  command: 32,
  commandDescription: 256,
  commands: 100,
  secretToken: 256,
} as const;

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

type Params = Record<string, unknown>;
type Rule = (p: Params) => string | undefined;

const METHOD_RULES: Record<string, Rule[]> = {
  sendMessage: [messageText],
  editMessageText: [messageIdentifier, (p) => (p.rich_message ? undefined : messageText(p))],
  editMessageCaption: [messageIdentifier],
  editMessageReplyMarkup: [messageIdentifier],
  answerCallbackQuery: [callbackAnswer],
  setMyCommands: [botCommands, languageCode],
  getMyCommands: [languageCode],
  deleteMyCommands: [languageCode],
  sendChatAction: [
    (p) => (CHAT_ACTIONS.has(p.action as string) ? undefined : "wrong parameter action in request"),
  ],
  setWebhook: [webhookUrl, webhookSecret, webhookConnections],
};

/** The first rule the call breaks, if any. */
export function checkRules(method: string, params: Params): string | undefined {
  for (const rule of [parseModes, caption, ...(METHOD_RULES[method] ?? [])]) {
    const problem = rule(params);
    if (problem) return problem;
  }
  return undefined;
}

/** Formats text the way Telegram would, turning markup errors into a rule violation. */
export function tryFormat(
  text: string,
  parseMode: unknown,
  entities: unknown,
): { text: string; entities: MessageEntity[] } | string {
  try {
    return formatText(text, parseMode as string | undefined, entities as MessageEntity[] | undefined);
  } catch (e) {
    if (e instanceof FormatError) return `can't parse entities: ${e.message}`;
    throw e;
  }
}

function parseModes(p: Params): string | undefined {
  for (const key of ["parse_mode", "quote_parse_mode"]) {
    const mode = p[key];
    if (typeof mode === "string" && !isKnownParseMode(mode)) return `unsupported ${key} "${mode}"`;
  }
  return undefined;
}

function messageText(p: Params): string | undefined {
  if (typeof p.text !== "string") return "message text is empty";
  const formatted = tryFormat(p.text, p.parse_mode, p.entities);
  if (typeof formatted === "string") return formatted;
  if (formatted.text.length === 0) return "message text is empty";
  // Telegram counts UTF-16 code units of the text left after markup is parsed.
  if (formatted.text.length > LIMITS.text) {
    return `message is too long (${formatted.text.length} characters after formatting, max ${LIMITS.text})`;
  }
  return undefined;
}

function caption(p: Params): string | undefined {
  if (typeof p.caption !== "string") return undefined;
  const formatted = tryFormat(p.caption, p.parse_mode, p.caption_entities);
  if (typeof formatted === "string") return formatted;
  if (formatted.text.length > LIMITS.caption) {
    return `message caption is too long (${formatted.text.length} characters, max ${LIMITS.caption})`;
  }
  return undefined;
}

function messageIdentifier(p: Params): string | undefined {
  if (p.inline_message_id !== undefined) return undefined;
  if (p.chat_id === undefined) return "chat_id is empty (pass chat_id and message_id, or inline_message_id)";
  if (p.message_id === undefined) return "message identifier is not specified";
  return undefined;
}

function callbackAnswer(p: Params): string | undefined {
  const text = p.text;
  if (typeof text === "string" && text.length > LIMITS.callbackAnswer) {
    return `MESSAGE_TOO_LONG (answerCallbackQuery text is ${text.length} characters, max ${LIMITS.callbackAnswer})`;
  }
  return undefined;
}

function botCommands(p: Params): string | undefined {
  const commands = p.commands as { command: string; description: string }[];
  if (commands.length > LIMITS.commands)
    return `too many commands (${commands.length}, max ${LIMITS.commands})`;
  for (const [i, c] of commands.entries()) {
    if (!/^[a-z0-9_]{1,32}$/.test(c.command)) {
      return `BOT_COMMAND_INVALID (commands[${i}].command "${c.command}" must be 1-${LIMITS.command} characters of a-z, 0-9 and _)`;
    }
    const length = c.description.trim().length;
    if (length < 1 || length > LIMITS.commandDescription) {
      return `BOT_COMMAND_DESCRIPTION_INVALID (commands[${i}].description is ${length} characters, must be 1-${LIMITS.commandDescription})`;
    }
  }
  const names = commands.map((c) => c.command);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  return duplicate ? `BOT_COMMAND_INVALID (command "${duplicate}" is listed twice)` : undefined;
}

function languageCode(p: Params): string | undefined {
  const code = p.language_code;
  if (typeof code === "string" && !/^([a-z]{2})?$/.test(code)) return `invalid language_code "${code}"`;
  return undefined;
}

function webhookUrl(p: Params): string | undefined {
  const url = p.url as string;
  if (url === "") return undefined; // an empty url removes the webhook
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return undefined;
  } catch {
    // reported below
  }
  return `bad webhook: invalid URL "${url}"`;
}

function webhookSecret(p: Params): string | undefined {
  const secret = p.secret_token;
  if (secret === undefined) return undefined;
  const pattern = new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.secretToken}}$`);
  return pattern.test(secret as string) ? undefined : "secret token contains unallowed characters";
}

function webhookConnections(p: Params): string | undefined {
  const n = p.max_connections;
  if (n === undefined || (typeof n === "number" && n >= 1 && n <= 100)) return undefined;
  return "bad webhook: max_connections must be 1-100";
}
