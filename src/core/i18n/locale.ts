/*
 * The two languages the API speaks. English stays in the code (services, logs, tests); Chinese is
 * put in at the edge (error messages, userError messages, printable pages) from catalogues keyed
 * by code, so a service never has to know who is reading.
 */

/** A language the API answers in. */
export type Locale = 'en' | 'zh';

export const LOCALES: readonly Locale[] = ['en', 'zh'];

/**
 * The caller's language from an `Accept-Language` header: the most preferred of zh* and en*
 * (by q-value, then order); `fallback` when the header is absent or names neither. The API falls
 * back to English (so existing clients see what they saw), the printable pages to Chinese.
 */
export function localeFrom(acceptLanguage: string | string[] | undefined, fallback: Locale): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return fallback;
  let best: { locale: Locale; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const locale: Locale | undefined = tag.startsWith('zh') ? 'zh' : tag.startsWith('en') ? 'en' : undefined;
    if (!locale) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { locale, q };
  }
  return best?.locale ?? fallback;
}
