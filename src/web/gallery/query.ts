import { z } from "zod";
import type { GalleryQuery } from "../../domain/gallery.ts";
import { FIELD_IDS, type FieldId, TIERS, type Tier } from "../../domain/types.ts";

/** Models a page of results shows. */
export const PAGE_SIZE = 20;

/** A search as the form sends it (GET, usable without JavaScript); anything odd is ignored. */
export interface SearchForm {
  q?: string;
  field?: FieldId;
  tier?: Tier;
  year?: number;
  province?: string;
  commune?: string;
  page?: number;
}

const CODE = /^[\w.-]{1,40}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | undefined) => list.find((x) => x === v);
const int = (v: string | undefined, min: number, max: number) => {
  const n = z.coerce.number().int().min(min).max(max).safeParse(v);
  return v && n.success ? n.data : undefined;
};

export function parseSearch(params: Record<string, string>): SearchForm {
  const q = params.q?.trim().slice(0, 100);
  const field = oneOf(FIELD_IDS, params.field);
  const tier = oneOf(TIERS, params.tier);
  const year = int(params.year, 2000, 2100);
  const page = int(params.page, 1, 50);
  return {
    ...(q ? { q } : {}),
    ...(field ? { field } : {}),
    ...(tier ? { tier } : {}),
    ...(year ? { year } : {}),
    ...(params.province && CODE.test(params.province) ? { province: params.province } : {}),
    ...(params.commune && CODE.test(params.commune) ? { commune: params.commune } : {}),
    ...(page ? { page } : {}),
  };
}

export function toQuery(form: SearchForm): GalleryQuery {
  return {
    ...(form.q ? { words: form.q } : {}),
    ...(form.field ? { field: form.field } : {}),
    ...(form.tier ? { tier: form.tier } : {}),
    ...(form.year ? { year: form.year } : {}),
    ...(form.province ? { provinceCode: form.province } : {}),
    // A commune counts only under its province (the form offers it once a province is chosen).
    ...(form.province && form.commune ? { communeCode: form.commune } : {}),
    offset: ((form.page ?? 1) - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  };
}

/** The search's URL with some parameters changed (the pager's links). */
export function searchUrl(base: string, form: SearchForm, change: Partial<SearchForm> = {}): string {
  const all = { ...form, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== "") params.set(k, String(v));
  return params.size ? `${base}?${params}` : base;
}
