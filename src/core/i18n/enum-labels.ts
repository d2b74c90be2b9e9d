import { isEnumType, type GraphQLSchema } from 'graphql';
import { ENUM_LABELS_ZH } from './enum-labels.zh';
import type { Locale } from './locale';
import { USER_ERROR_MESSAGES_ZH } from './user-error-messages';

export interface EnumValueLabelRow {
  value: string;
  label: string;
}
export interface EnumLabelsRow {
  name: string;
  values: EnumValueLabelRow[];
}

/** `PASSED_ON` → `Passed on`: the English label is the value itself, read aloud. */
export function englishLabel(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** English labels that reading the value aloud would get wrong. */
const ENGLISH_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Locale: { EN: 'English', ZH: 'Chinese (Simplified)' },
};

/** The label of one enum value; English (from the value) where Chinese is missing. */
export function enumLabel(locale: Locale, enumName: string, value: string): string {
  if (locale === 'zh') {
    const zh = enumName === 'UserErrorCode' ? USER_ERROR_MESSAGES_ZH[value] : ENUM_LABELS_ZH[enumName]?.[value];
    if (zh) return zh;
  }
  return ENGLISH_LABELS[enumName]?.[value] ?? englishLabel(value);
}

/** The schema's own enums (not the introspection ones), sorted by name, each value labelled. */
export function enumLabelsOf(schema: GraphQLSchema, locale: Locale, names?: readonly string[] | null): EnumLabelsRow[] {
  const wanted = names ? new Set(names) : null;
  return Object.values(schema.getTypeMap())
    .filter(isEnumType)
    .filter((t) => !t.name.startsWith('__') && (!wanted || wanted.has(t.name)))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => ({ name: t.name, values: t.getValues().map((v) => ({ value: v.name, label: enumLabel(locale, t.name, v.name) })) }));
}
