import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../../../context';
import { actorLabel } from '../../../core/auth/principal';
import { blindIndex, seal } from '../../../core/crypto/sealed';
import { findByGlobalId } from '../../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../../core/graphql/mutation';
import { refuse, UserErrorCode } from '../../../core/validation/user-error';
import { Building } from '../../places/building.entity';
import { Compound } from '../../places/compound.entity';
import { AnonymousReport } from '../anonymous-report.entity';
import { IssueQrPoint } from '../issue-qr-point.entity';
import { IssueLevel, IssuePriority, IssueStatus, IssueSubject } from '../issues.enums';
import { IssuesError } from '../issues.errors';
import { record, restartTimer, settingsIn } from '../issues.service';
import { ResidentIssue } from '../resident-issue.entity';
import { digestOf, newSecret } from './qr-codes';

/** What the report form sends (strings as typed; checked here). */
export interface QrReportForm {
  category: string;
  text: string;
  location: string;
  phone: string;
  name: string;
}

/** A point made or given a fresh token: the token is shown this once and stored only as its digest. */
export interface QrPointWithToken {
  id: number;
  token: string;
}

/** The name shown for a QR reporter who gave none. */
export const ANONYMOUS_REPORTER = '扫码群众';

const MAX = { text: 2000, location: 200, name: 50 };

/** A phone to call back: a mainland mobile (11 digits from 1) or a landline with its area code (7–12 digits, an optional dash). */
function phoneOf(raw: string): string | null {
  const s = raw.replace(/[\s()]/g, '').replace(/^\+?86/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  if (/^0\d{2,3}-?\d{7,8}$/.test(s)) return s;
  return null;
}

/** Reporting by QR code: the handlers' points and tokens, and the anonymous report itself. */
export const qrService = {
  createPoint(
    ctx: RequestContext,
    input: { compoundId: string; buildingId?: string | null; spot?: string | null },
  ): Promise<MutationOutcome<QrPointWithToken>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      const building = input.buildingId ? await findByGlobalId(em, Building, 'Building', input.buildingId, 'buildingId') : null;
      if (building && building.compound.id !== compound.id)
        refuse('buildingId', UserErrorCode.MISMATCH, 'The building is not in this compound');
      const spot = input.spot?.trim() || null;
      const token = newSecret();
      const point = em.create(IssueQrPoint, {
        community: compound.community,
        compound,
        building,
        spot,
        tokenHash: digestOf(token),
        tokenSetAt: ctx.clock.now(),
        createdBy: actorLabel(ctx.principal),
      });
      await em.flush();
      return { id: point.id, token };
    });
  },

  /** A fresh token: the printed codes of the point stop working (a leaked or defaced code). */
  rotateToken(ctx: RequestContext, input: { qrPointId: string }): Promise<MutationOutcome<QrPointWithToken>> {
    return mutate(ctx, input, async (em) => {
      const point = await findByGlobalId(em, IssueQrPoint, 'IssueQrPoint', input.qrPointId, 'qrPointId');
      await em.lock(point, LockMode.PESSIMISTIC_WRITE);
      const token = newSecret();
      point.tokenHash = digestOf(token);
      point.tokenSetAt = ctx.clock.now();
      return { id: point.id, token };
    });
  },

  /**
   * An anonymous report through a point (the transaction reaches only the point's community): it
   * waits at the building group like a resident's, with the SLA's timer, and the reporter gets a
   * tracking code, stored only as its digest.
   */
  report(ctx: RequestContext, pointId: number, form: QrReportForm): Promise<MutationOutcome<{ issueId: number; trackingCode: string }>> {
    return mutate(ctx, {}, async (em) => {
      const point = await em.findOneOrFail(IssueQrPoint, { id: pointId });
      const settings = await settingsIn(em, point.community.id);
      const text = form.text.trim();
      const location = form.location.trim();
      const name = form.name.trim();
      if (!settings.categories.includes(form.category)) refuse('category', IssuesError.UNKNOWN_CATEGORY, '请选择问题类别');
      if (!text) refuse('text', UserErrorCode.BLANK, '请描述您遇到的问题');
      if ([...text].length > MAX.text) refuse('text', UserErrorCode.TOO_LONG, `问题描述不能超过${MAX.text}字`);
      if ([...location].length > MAX.location) refuse('location', UserErrorCode.TOO_LONG, `位置不能超过${MAX.location}字`);
      if ([...name].length > MAX.name) refuse('name', UserErrorCode.TOO_LONG, `称呼不能超过${MAX.name}字`);
      const phone = phoneOf(form.phone);
      if (!form.phone.trim()) refuse('phone', UserErrorCode.BLANK, '请留下联系电话，方便回访');
      if (!phone) refuse('phone', UserErrorCode.INVALID, '请填写正确的手机号码或带区号的固定电话');
      const subject = point.spot ? IssueSubject.SPOT : point.building ? IssueSubject.BUILDING : IssueSubject.COMPOUND;
      const issue = em.create(ResidentIssue, {
        community: point.community,
        household: null,
        qrPoint: point,
        compound: point.compound,
        subject,
        spot: point.spot ?? null,
        category: form.category,
        priority: IssuePriority.NORMAL,
        text,
        location: location || null,
        photos: [],
        // A name given on the form is given for the handlers; none is the neutral label.
        nameVisible: !!name,
        reporterUserId: 0,
        reporterName: name || ANONYMOUS_REPORTER,
        status: IssueStatus.REPORTED,
        level: IssueLevel.BUILDING_GROUP,
        reportedAt: ctx.clock.now(),
      });
      await em.flush();
      await em.refresh(issue);
      const trackingCode = newSecret();
      em.create(AnonymousReport, {
        community: point.community,
        issue,
        qrPoint: point,
        phoneSealed: seal(phone),
        phoneIndex: blindIndex('phone', phone)!,
        trackingHash: digestOf(trackingCode),
      });
      record(ctx, em, issue, null, 'QR_REPORTER', null, `qr-point:${point.id}`);
      await restartTimer(ctx, em, issue);
      return { issueId: issue.id, trackingCode };
    });
  },
};
