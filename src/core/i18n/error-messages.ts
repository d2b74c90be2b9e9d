import { enumLabel } from './enum-labels';
import type { Locale } from './locale';

/*
 * GraphQL errors in Chinese, one message per `extensions.code`. The English messages are
 * specific (they name what was missing or refused); the Chinese one says what the code means,
 * which is what a community worker acts on. The code and the other extensions stay as they are.
 */
export const ERROR_MESSAGES_ZH: Readonly<Record<string, string>> = {
  UNAUTHENTICATED: '登录信息缺失、无效或已过期，请重新登录。',
  FORBIDDEN: '您无权在此执行该操作。',
  NOT_FOUND: '找不到该 ID 对应的对象（或它不属于您所在的社区）。',
  BAD_USER_INPUT: '请求中的参数值无效。',
  CONFLICT: '该对象已被他人同时修改或状态已变化，请刷新后重试。',
  THROTTLED: '请求过于频繁，请稍后再试。',
  TIMEOUT: '请求处理超时，请缩小查询范围后重试。',
  UNAVAILABLE: '数据库暂时不可用，请稍后重试（修改类请求请使用同一个 Idempotency-Key，以免重复执行）。',
  INTERNAL_SERVER_ERROR: '服务器内部错误，请稍后再试；如仍出错，请把请求编号告诉管理员。',
  GRAPHQL_PARSE_FAILED: '请求的 GraphQL 语句无法解析。',
  GRAPHQL_VALIDATION_FAILED: '请求的 GraphQL 语句不符合接口定义或超出限制。',
  PERSISTED_QUERY_NOT_FOUND: '找不到该预存查询，请发送完整查询。',
  PERSISTED_QUERY_NOT_SUPPORTED: '服务器不支持预存查询。',
  OPERATION_RESOLUTION_FAILURE: '无法确定要执行的操作（请指定 operationName）。',
  BAD_REQUEST: '请求格式无效。',
};

/**
 * The message a client reading `locale` sees for an error with `code` (English: the original). A
 * refusal that names the capability it looked for names it in Chinese too.
 */
export function errorMessage(locale: Locale, code: unknown, english: string, extensions?: Readonly<Record<string, unknown>>): string {
  if (locale === 'en' || typeof code !== 'string') return english;
  const capability = extensions?.capability;
  if (code === 'FORBIDDEN' && typeof capability === 'string')
    return `您无权在此执行该操作：需要“${enumLabel('zh', 'Capability', capability)}”权限。`;
  return ERROR_MESSAGES_ZH[code] ?? english;
}
