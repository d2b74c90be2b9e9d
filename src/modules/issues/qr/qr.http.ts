import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createRequestContext, type RequestContext } from '../../../context';
import { ANONYMOUS } from '../../../core/auth/principal';
import type { TokenService } from '../../../core/auth/tokens';
import type { Clock } from '../../../core/clock';
import type { StatementTally } from '../../../core/database/statement-counter';
import type { Limits } from '../../../core/limits/limits';
import { ThrottledError } from '../../../core/limits/limit-errors';
import type { Logger } from '../../../core/logger';
import type { RequestOutcome } from '../../../core/observability/access-log';
import { issueSettings } from '../issues.loaders';
import { digestOf, newSecret, sameSecret, SECRET_PATTERN } from './qr-codes';
import { renderForm, renderMessage, renderTracking, type FormPage, type TrackedIssue } from './qr.page';
import { qrService, type QrReportForm } from './qr.service';

/*
 * GET/POST /r/<token>: the report form of a QR point, for anyone, without an account; GET
 * /r/t/<tracking code>: the state of that one report. There is no caller to authenticate: the
 * token's digest opens a transaction onto its point's community only (lianxin_qr_grant), the
 * tracking code's onto its report's (lianxin_tracking_grant), and the page reads nothing else.
 *
 * The form is protected against cross-site posting by a double-submitted value: the page sets it in
 * a SameSite=Strict cookie and in a hidden field, and a post must carry both, equal (compared in
 * constant time); a post whose Origin is another site's is refused too.
 */

export const QR_PATH = /^\/r\/([^/]+)$/;
export const TRACKING_PATH = /^\/r\/t\/([^/]+)$/;
const COOKIE = 'lx_qr_form';
const MAX_FORM_BYTES = 16 * 1024;

export interface QrPagesOptions {
  orm: MikroORM;
  logger: Logger;
  tokens: TokenService;
  clock: Clock;
  limits: Limits;
  /** Cookies only over HTTPS (production). */
  secureCookies: boolean;
}

class FormTooLarge extends Error {}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        reject(new FormTooLarge());
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function cookieOf(req: IncomingMessage, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return '';
}

/** A post from this page, not from another site: no Origin (older browsers) or this host's. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

const NOT_FOUND = () => renderMessage('页面不存在', '二维码无效或已更换，请扫描现场最新的二维码。');
const TRACKING_NOT_FOUND = () => renderMessage('页面不存在', '没有找到该查询链接对应的诉求，请核对链接是否完整。');

export class QrPages {
  constructor(private readonly options: QrPagesOptions) {}

  private send(res: ServerResponse, status: number, html: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      'cache-control': 'no-store',
      // same-origin, not no-referrer: with no-referrer a browser posts the form with "Origin: null".
      'referrer-policy': 'same-origin',
      'x-frame-options': 'DENY',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      ...headers,
    });
    res.end(html);
  }

  /** Runs `work` in a transaction of its own, as no one, reaching only what the grant opens. */
  private async inTransaction<T>(tally: StatementTally, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    const { orm, logger, tokens, clock } = this.options;
    const em = orm.em.fork({ clear: true, useContext: false });
    return em.transactional(async (tem) => {
      const ctx = createRequestContext({ requestId: randomUUID(), em: tem, logger, tally, tokens, clock });
      // The same bound on each statement as an API request's.
      await ctx.db.query("select set_config('statement_timeout', $1, true)", [String(this.options.limits.config.statementTimeoutMs)]);
      return work(ctx);
    });
  }

  /** Opens the point's community for this transaction; null when the token is no point's (any more). */
  private async openPoint(ctx: RequestContext, token: string): Promise<number | null> {
    if (!SECRET_PATTERN.test(token)) return null;
    const [row] = await ctx.db.query<{ point: number | null }>('select lianxin_qr_grant($1) as point', [digestOf(token)]);
    if (row?.point == null) return null;
    const [community] = await ctx.db.query<{ id: number }>('select community_id as id from issue_qr_point where id = $1', [row.point]);
    ctx.principal = { ...ANONYMOUS, communityIds: new Set([community.id]) };
    ctx.action = 'qrReport';
    return row.point;
  }

  private async formOf(ctx: RequestContext, pointId: number): Promise<Omit<FormPage, 'values' | 'errors' | 'csrf'>> {
    const [point] = await ctx.db.query<{ communityId: number; compound: string; building: string | null; spot: string | null }>(
      `select p.community_id as "communityId", c.name as compound, b.name as building, p.spot
         from issue_qr_point p join compound c on c.id = p.compound_id left join building b on b.id = p.building_id where p.id = $1`,
      [pointId],
    );
    const settings = await issueSettings(ctx).load(point.communityId);
    return { place: [point.compound, point.building, point.spot].filter(Boolean).join(' · '), categories: settings.categories };
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL, outcome: RequestOutcome, tally: StatementTally): Promise<void> {
    outcome.requestId = randomUUID();
    const tracking = TRACKING_PATH.exec(url.pathname);
    if (tracking) {
      if (req.method !== 'GET') return this.send(res, 405, renderMessage('不支持的操作', '请直接打开查询链接。'), { allow: 'GET' });
      return this.track(req, res, tracking[1], url, tally);
    }
    // Tokens and codes are base64url: nothing to decode, and a malformed escape is just an unknown token.
    const token = QR_PATH.exec(url.pathname)![1];
    if (req.method === 'POST') return this.submit(req, res, token, url, tally);
    if (req.method !== 'GET') return this.send(res, 405, renderMessage('不支持的操作', '请重新扫码打开页面。'), { allow: 'GET, POST' });
    const form = await this.inTransaction(tally, async (ctx) => {
      const point = await this.openPoint(ctx, token);
      return point === null ? null : this.formOf(ctx, point);
    });
    if (!form) return this.send(res, 404, NOT_FOUND());
    const csrf = newSecret();
    this.send(res, 200, renderForm({ ...form, values: {}, errors: {}, csrf }), { 'set-cookie': this.cookie(url, csrf) });
  }

  /** The link the reporter keeps: absolute when the request named its host. */
  private linkTo(req: IncomingMessage, path: string): string {
    const host = req.headers.host;
    return host ? `${this.options.secureCookies ? 'https' : 'http'}://${host}${path}` : path;
  }

  private cookie(url: URL, value: string): string {
    return `${COOKIE}=${value}; Path=${url.pathname}; HttpOnly; SameSite=Strict${this.options.secureCookies ? '; Secure' : ''}`;
  }

  private async submit(req: IncomingMessage, res: ServerResponse, token: string, url: URL, tally: StatementTally): Promise<void> {
    let body: URLSearchParams;
    try {
      body = await readForm(req);
    } catch (err) {
      if (err instanceof FormTooLarge)
        return this.send(res, 413, renderMessage('内容过长', '提交的内容过长，请精简后重试。'), { connection: 'close' });
      throw err;
    }
    if (!SECRET_PATTERN.test(token)) return this.send(res, 404, NOT_FOUND());
    if (!sameOrigin(req) || !sameSecret(body.get('csrf') ?? '', cookieOf(req, COOKIE)))
      return this.send(res, 403, renderMessage('页面已过期', '页面已过期或来源不正确，请重新扫码打开页面后再提交。'));
    try {
      await this.options.limits.reports.attempt(digestOf(token), this.options.limits.addresses.sourceOf(req));
    } catch (err) {
      if (!(err instanceof ThrottledError)) throw err;
      const retryAfter = String((err.extensions as { retryAfter?: number }).retryAfter ?? 60);
      return this.send(res, 429, renderMessage('提交过于频繁', '提交次数过多，请稍后再试。紧急情况请直接拨打社区电话。'), {
        'retry-after': retryAfter,
      });
    }
    const form: QrReportForm = {
      category: body.get('category') ?? '',
      text: body.get('text') ?? '',
      location: body.get('location') ?? '',
      phone: body.get('phone') ?? '',
      name: body.get('name') ?? '',
    };
    const answer = await this.inTransaction(tally, async (ctx) => {
      const point = await this.openPoint(ctx, token);
      if (point === null) return null;
      const outcome = await qrService.report(ctx, point, form);
      if (outcome.value) return { code: outcome.value.trackingCode };
      const errors = Object.fromEntries(outcome.userErrors.map((e) => [String(e.field[e.field.length - 1] ?? 'form'), e.message]));
      return { page: { ...(await this.formOf(ctx, point)), values: form, errors } };
    });
    if (!answer) return this.send(res, 404, NOT_FOUND());
    if ('code' in answer) {
      res.writeHead(303, { location: `/r/t/${answer.code}?new=1`, 'cache-control': 'no-store', 'content-length': '0' });
      res.end();
      return;
    }
    const csrf = newSecret();
    this.send(res, 400, renderForm({ ...answer.page, csrf }), { 'set-cookie': this.cookie(url, csrf) });
  }

  private async track(req: IncomingMessage, res: ServerResponse, code: string, url: URL, tally: StatementTally): Promise<void> {
    const issue = SECRET_PATTERN.test(code)
      ? await this.inTransaction(tally, async (ctx) => {
          const [row] = await ctx.db.query<{ issue: number | null }>('select lianxin_tracking_grant($1) as issue', [digestOf(code)]);
          if (row?.issue == null) return null;
          const [found] = await ctx.db.query<Omit<TrackedIssue, 'steps'>>(
            `select category, status, level, reported_at as "reportedAt", rejection_reason as "rejectionReason" from resident_issue where id = $1`,
            [row.issue],
          );
          // Only the issue's changes of status and level: never who acted, nor their notes (handlers' names).
          const steps = await ctx.db.query<TrackedIssue['steps'][number]>(
            `select to_status as "toStatus", level, at from issue_step
              where issue_id = $1 and (from_status is distinct from to_status or to_status = 'ESCALATED') order by at, id`,
            [row.issue],
          );
          return {
            ...found,
            reportedAt: new Date(found.reportedAt).toISOString(),
            steps: steps.map((s) => ({ ...s, at: new Date(s.at).toISOString() })),
          };
        })
      : null;
    if (!issue) return this.send(res, 404, TRACKING_NOT_FOUND());
    this.send(res, 200, renderTracking(issue, this.linkTo(req, `/r/t/${code}`), url.searchParams.get('new') === '1'));
  }
}
