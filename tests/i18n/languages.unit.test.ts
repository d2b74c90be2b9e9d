import '../../src/platform';
import { isEnumType } from 'graphql';
import { PUBLIC_ERROR_CODES } from '../../src/core/errors/errors';
import { REQUEST_ERROR_CODES } from '../../src/core/errors/format-error';
import { ERROR_MESSAGES_ZH } from '../../src/core/i18n/error-messages';
import { ENUM_LABELS_ZH } from '../../src/core/i18n/enum-labels.zh';
import { enumLabel, englishLabel } from '../../src/core/i18n/enum-labels';
import { localeFrom } from '../../src/core/i18n/locale';
import { USER_ERROR_MESSAGES_ZH } from '../../src/core/i18n/user-error-messages';
import { buildApiSchema } from '../../src/schema';

/*
 * The catalogues are complete: a new error code, userError code or enum value cannot ship without
 * its Chinese, because these tests read the codes from where the API declares them.
 */
describe('languages', () => {
  it('picks the language from Accept-Language: the most preferred of zh and en, else the default', () => {
    expect(localeFrom(undefined, 'en')).toBe('en');
    expect(localeFrom(undefined, 'zh')).toBe('zh');
    expect(localeFrom('zh', 'en')).toBe('zh');
    expect(localeFrom('zh-CN,zh;q=0.9,en;q=0.8', 'en')).toBe('zh');
    expect(localeFrom('zh-Hans-CN', 'en')).toBe('zh');
    expect(localeFrom('en-US,en;q=0.9,zh-CN;q=0.5', 'zh')).toBe('en');
    expect(localeFrom('fr-FR,zh;q=0.3', 'en')).toBe('zh');
    expect(localeFrom('en;q=0.2, zh-TW;q=0.8', 'en')).toBe('zh');
    expect(localeFrom('fr, de', 'zh')).toBe('zh');
    expect(localeFrom('zh;q=0, en', 'zh')).toBe('en');
    expect(localeFrom('', 'en')).toBe('en');
  });

  it('has a Chinese message for every error code a client can receive', () => {
    const codes = [...PUBLIC_ERROR_CODES, ...REQUEST_ERROR_CODES, 'INTERNAL_SERVER_ERROR'];
    expect(codes.filter((code) => !ERROR_MESSAGES_ZH[code])).toEqual([]);
  });

  it('has a Chinese message for every userError code of every module', async () => {
    const schema = await buildApiSchema();
    const type = schema.getType('UserErrorCode');
    if (!isEnumType(type)) throw new Error('UserErrorCode is not an enum');
    const codes = type.getValues().map((v) => v.name);
    expect(codes.length).toBeGreaterThan(60);
    expect(codes.filter((code) => !USER_ERROR_MESSAGES_ZH[code])).toEqual([]);
    // And no message for a code that no longer exists.
    expect(Object.keys(USER_ERROR_MESSAGES_ZH).filter((code) => !codes.includes(code))).toEqual([]);
  });

  it('has a Chinese label for every value of every enum of the schema', async () => {
    const schema = await buildApiSchema();
    const missing: string[] = [];
    const known = new Set<string>();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isEnumType(type) || type.name.startsWith('__') || type.name === 'UserErrorCode') continue;
      for (const value of type.getValues()) {
        known.add(`${type.name}.${value.name}`);
        if (!ENUM_LABELS_ZH[type.name]?.[value.name]) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
    const stale = Object.entries(ENUM_LABELS_ZH).flatMap(([name, values]) => Object.keys(values).map((v) => `${name}.${v}`));
    expect(stale.filter((key) => !known.has(key))).toEqual([]);
  });

  it('reads an enum value aloud for the English label', () => {
    expect(englishLabel('IN_PROGRESS')).toBe('In progress');
    expect(enumLabel('en', 'Locale', 'ZH')).toBe('Chinese (Simplified)');
    expect(enumLabel('zh', 'IssueStatus', 'IN_PROGRESS')).toBe('办理中');
  });
});
