import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Validation of Bot API calls against the official method and type descriptions
// (/work/shared/reference/telegram/api.json). Every parameter is checked against its declared
// types, recursively through objects, so a typo in a nested field is caught as well.

/** The Bot API 10.1 description (MIT, github.com/PaulSonOfLars/telegram-bot-api-spec), kept in the repo. */
export const DEFAULT_SPEC_PATH =
  process.env.TELEGRAM_API_JSON ?? fileURLToPath(new URL("../fixtures/telegram/api.json", import.meta.url));

export interface FieldSpec {
  name: string;
  types: string[];
  required: boolean;
  description: string;
}

export interface MethodSpec {
  name: string;
  fields?: FieldSpec[];
  returns: string[];
}

export interface TypeSpec {
  name: string;
  fields?: FieldSpec[];
  subtypes?: string[];
}

export interface ApiSpec {
  version: string;
  methods: Record<string, MethodSpec>;
  types: Record<string, TypeSpec>;
}

/** A file part of a multipart/form-data request. */
export interface UploadedFile {
  /** The form field the file came in (grammY uses a random id referenced as attach://<id>). */
  field: string;
  filename: string;
  contentType?: string;
  size: number;
  data: Buffer;
}

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === "object" && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}

const specs = new Map<string, ApiSpec>();

export function loadApiSpec(path = DEFAULT_SPEC_PATH): ApiSpec {
  let spec = specs.get(path);
  if (!spec) {
    spec = JSON.parse(readFileSync(path, "utf8")) as ApiSpec;
    specs.set(path, spec);
  }
  return spec;
}

/**
 * A failure's `score` says how well the value matched the type's shape (0: wrong kind of value,
 * higher: an object with more of the type's fields); among alternative types the best-matching
 * failure is the one reported, so `reply_markup` errors talk about the keyboard that was meant.
 */
export type Checked = { ok: true; value: unknown } | { ok: false; reason: string; score: number };

const ok = (value: unknown): Checked => ({ ok: true, value });
const fail = (reason: string, score = 0): Checked => ({ ok: false, reason, score });

/** What a request carried besides its fields. */
export interface CheckContext {
  /** Values arrived as strings (query string or form body) and may need converting. */
  fromForm: boolean;
  /** File parts of a multipart body, by part name. */
  files: Map<string, UploadedFile>;
}

/** The field telling an abstract type's subtypes apart, and the subtypes for each value. */
interface Discriminator {
  field: string;
  values: Map<string, string[]>;
}

/** Fields of an inline keyboard button that are not its action. */
const BUTTON_DECORATION = new Set(["text", "icon_custom_emoji_id", "style"]);
const MAX_INLINE_BUTTONS = 100;

export class ApiSchema {
  private readonly byLowerName = new Map<string, MethodSpec>();
  private readonly discriminators = new Map<string, Discriminator | null>();

  constructor(readonly spec: ApiSpec) {
    // Bot API method names are case-insensitive.
    for (const m of Object.values(spec.methods)) this.byLowerName.set(m.name.toLowerCase(), m);
  }

  method(name: string): MethodSpec | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  /**
   * Checks a call's parameters; on success returns them converted to their declared types
   * (numbers, booleans, parsed JSON objects, UploadedFile for files).
   */
  checkParams(method: MethodSpec, raw: Record<string, unknown>, ctx: CheckContext): Checked {
    const fields = method.fields ?? [];
    const known = new Set(fields.map((f) => f.name));
    for (const name of Object.keys(raw)) {
      if (!known.has(name)) return fail(`unknown parameter "${name}" for method ${method.name}`);
    }
    const params: Record<string, unknown> = {};
    for (const field of fields) {
      const value = raw[field.name];
      if (value === undefined || value === null) {
        if (field.required) return fail(`parameter "${field.name}" is required`);
        continue;
      }
      const checked = this.checkValue(value, field.types, field.name, ctx, true);
      if (!checked.ok) return checked;
      params[field.name] = checked.value;
    }
    return ok(params);
  }

  /** A value against a list of alternative types: the first that fits wins. */
  private checkValue(
    value: unknown,
    types: string[],
    path: string,
    ctx: CheckContext,
    top: boolean,
  ): Checked {
    let best: Checked | undefined;
    for (const type of types) {
      const checked = this.checkType(value, type, path, ctx, top);
      if (checked.ok) return checked;
      if (!best || (!best.ok && checked.score > best.score)) best = checked;
    }
    if (best && !best.ok && best.score > 0) return best;
    return fail(`field "${path}" must be ${types.join(" or ")}, got ${describe(value)}`);
  }

  private checkType(value: unknown, type: string, path: string, ctx: CheckContext, top: boolean): Checked {
    // Strings from a form body are converted only at the top level; nested values are JSON.
    const form = top && ctx.fromForm && typeof value === "string";
    if (type.startsWith("Array of ")) return this.checkArray(value, type.slice(9), path, ctx);
    switch (type) {
      case "Integer":
        return checkInteger(value, form);
      case "Float":
        return checkFloat(value, form);
      case "Boolean":
        return checkBoolean(value, form);
      case "String":
        return typeof value === "string" ? ok(value) : fail("must be String");
      case "InputFile":
        return checkInputFile(value, path, ctx);
      default:
        return this.checkObject(value, type, path, ctx);
    }
  }

  private checkArray(value: unknown, itemType: string, path: string, ctx: CheckContext): Checked {
    const parsed = parseJsonString(value);
    if (!Array.isArray(parsed)) return fail(`must be an Array of ${itemType}`);
    const items: unknown[] = [];
    for (const [i, item] of parsed.entries()) {
      const checked = this.checkValue(item, [itemType], `${path}[${i}]`, ctx, false);
      if (!checked.ok) return { ...checked, score: 1 + checked.score };
      items.push(checked.value);
    }
    return ok(items);
  }

  private checkObject(value: unknown, typeName: string, path: string, ctx: CheckContext): Checked {
    // "For simple text buttons, String can be used instead of this object" (KeyboardButton).
    if (typeName === "KeyboardButton" && typeof value === "string") return ok(value);
    const type = this.spec.types[typeName];
    if (!type) return ok(value); // not described by the spec: nothing to check against
    const obj = parseJsonString(value);
    if (typeof obj !== "object" || obj === null || Array.isArray(obj) || isUploadedFile(obj)) {
      return fail(`must be ${typeName}`);
    }
    const record = obj as Record<string, unknown>;
    if (type.subtypes?.length) return this.checkUnion(record, type, path, ctx);
    const score = this.shapeScore(record, type);
    const checked = this.checkFields(record, type, path, ctx);
    if (!checked.ok) return { ...checked, score };
    const extra = TYPE_RULES[typeName]?.(checked.value as Record<string, unknown>, path);
    return extra ? fail(extra, score) : checked;
  }

  /**
   * How much an object looks like the type: its known fields count, and a matching literal
   * `type` ("must be photo") counts most, so InputMediaPhoto wins over InputMediaAudio.
   */
  private shapeScore(obj: Record<string, unknown>, type: TypeSpec): number {
    const literal = literalOf(type);
    if (literal && obj[literal.field] !== literal.value) return 1;
    return 1 + (literal ? 10 : 0) + (type.fields ?? []).filter((f) => f.name in obj).length;
  }

  private checkFields(
    obj: Record<string, unknown>,
    type: TypeSpec,
    path: string,
    ctx: CheckContext,
  ): Checked {
    const fields = type.fields ?? [];
    const known = new Set(fields.map((f) => f.name));
    for (const name of Object.keys(obj)) {
      if (!known.has(name)) return fail(`unknown field "${path}.${name}" in ${type.name}`);
    }
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const value = obj[field.name];
      if (value === undefined || value === null) {
        if (field.required) return fail(`field "${path}.${field.name}" is required in ${type.name}`);
        continue;
      }
      const checked = this.checkValue(value, field.types, `${path}.${field.name}`, ctx, false);
      if (!checked.ok) return checked;
      out[field.name] = checked.value;
    }
    return ok(out);
  }

  /** Abstract types (BotCommandScope, InputMedia…): the subtype is chosen by its `type`-like field. */
  private checkUnion(obj: Record<string, unknown>, type: TypeSpec, path: string, ctx: CheckContext): Checked {
    const d = this.discriminator(type);
    const candidates = d ? d.values.get(String(obj[d.field])) : type.subtypes;
    if (d && !candidates) {
      const allowed = [...d.values.keys()].join(", ");
      return fail(`field "${path}.${d.field}" of ${type.name} must be one of: ${allowed}`, 1);
    }
    let best: Checked | undefined;
    for (const sub of candidates ?? []) {
      const checked = this.checkObject(obj, sub, path, ctx);
      if (checked.ok) return checked;
      if (!best || (!best.ok && checked.score > best.score)) best = checked;
    }
    return best ?? ok(obj);
  }

  /** Which subtype a value of an abstract type is, by the subtypes' literal first fields. */
  private discriminator(type: TypeSpec): Discriminator | null {
    const cached = this.discriminators.get(type.name);
    if (cached !== undefined) return cached;
    let result: Discriminator | null = null;
    for (const subName of type.subtypes ?? []) {
      const sub = this.spec.types[subName];
      const literal = sub && literalOf(sub);
      if (!literal || (result && result.field !== literal.field)) {
        result = null;
        break;
      }
      result ??= { field: literal.field, values: new Map() };
      result.values.set(literal.value, [...(result.values.get(literal.value) ?? []), subName]);
    }
    this.discriminators.set(type.name, result);
    return result;
  }
}

/** A type's fixed first field, read from descriptions like "must be chat" or 'always "emoji"'. */
function literalOf(type: TypeSpec): { field: string; value: string } | undefined {
  const first = type.fields?.[0];
  const value = first && /(?:must be|always) "?([a-z0-9_]+)"?\.?$/.exec(first.description.trim())?.[1];
  return first && value ? { field: first.name, value } : undefined;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (isUploadedFile(value)) return "a file";
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value;
}

/** Form bodies carry objects and arrays as JSON strings; Telegram also accepts those in JSON bodies. */
function parseJsonString(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function checkInteger(value: unknown, form: boolean): Checked {
  const n = form && /^-?\d+$/.test(value as string) ? Number(value) : value;
  return typeof n === "number" && Number.isSafeInteger(n) ? ok(n) : fail("must be Integer");
}

function checkFloat(value: unknown, form: boolean): Checked {
  const n = form && (value as string).trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? ok(n) : fail("must be Float");
}

function checkBoolean(value: unknown, form: boolean): Checked {
  if (typeof value === "boolean") return ok(value);
  if (form && /^(true|false)$/i.test(value as string)) return ok((value as string).toLowerCase() === "true");
  return fail("must be Boolean");
}

/** A file part: either sent under the field's own name or referenced as attach://<part>. */
function checkInputFile(value: unknown, path: string, ctx: CheckContext): Checked {
  if (isUploadedFile(value)) return ok(value);
  if (typeof value === "string" && value.startsWith("attach://")) {
    const file = ctx.files.get(value.slice("attach://".length));
    return file ? ok(file) : fail(`field "${path}" refers to ${value}, but no such file part was sent`, 1);
  }
  return fail("must be InputFile (uploaded with multipart/form-data)");
}

// ---------------------------------------------------------------- rules beyond types

type TypeRule = (obj: Record<string, unknown>, path: string) => string | undefined;

const TYPE_RULES: Record<string, TypeRule> = {
  InlineKeyboardButton: checkInlineButton,
  InlineKeyboardMarkup: (obj, path) => {
    const rows = obj.inline_keyboard as unknown[][];
    const count = rows.reduce((n, row) => n + row.length, 0);
    if (count > MAX_INLINE_BUTTONS)
      return `reply markup is too long (${path} has ${count} buttons, max ${MAX_INLINE_BUTTONS})`;
    return undefined;
  },
};

function checkInlineButton(button: Record<string, unknown>, path: string): string | undefined {
  if (typeof button.text !== "string" || button.text.trim() === "") {
    return `can't parse inline keyboard button: ${path}.text must be non-empty`;
  }
  const actions = Object.keys(button).filter((k) => !BUTTON_DECORATION.has(k));
  if (actions.length === 0) {
    return `can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard (${path})`;
  }
  if (actions.length > 1) {
    return `can't parse inline keyboard button: ${path} must have exactly one action field, has ${actions.join(", ")}`;
  }
  const data = button.callback_data;
  if (typeof data === "string") {
    const bytes = Buffer.byteLength(data, "utf8");
    if (bytes < 1 || bytes > 64)
      return `BUTTON_DATA_INVALID (${path}.callback_data is ${bytes} bytes, must be 1-64)`;
  }
  if (typeof button.url === "string" && button.url.trim() === "") {
    return `BUTTON_URL_INVALID (${path}.url is empty)`;
  }
  return undefined;
}
