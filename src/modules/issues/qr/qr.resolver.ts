import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../context';
import type { MutationOutcome } from '../../../core/graphql/mutation';
import type { ResidentIssueRow } from '../issues.loaders';
import type { CompoundRow } from '../../places/compound.loaders';
import { CompoundType } from '../../places/places.types';
import { ResidentIssueType } from '../issues.types';
import { callbackPhones, IssueQrPointSpec } from './qr.loaders';
import { qrService, type QrPointWithToken } from './qr.service';
import {
  CreateIssueQrPointInput,
  CreateIssueQrPointPayload,
  RotateIssueQrTokenPayload,
  IssueQrPointType,
  RotateIssueQrTokenInput,
} from './qr.types';

async function pointPayload(ctx: RequestContext, outcome: MutationOutcome<QrPointWithToken>) {
  const row = outcome.value ? await ctx.loaders.node(IssueQrPointSpec).load(outcome.value.id) : null;
  return { qrPoint: row, token: outcome.value?.token ?? null, userErrors: outcome.userErrors };
}

@Resolver(() => ResidentIssueType)
export class QrReportResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The phone an anonymous reporter (by QR code) left for a call-back: plain for handlers with a duty of care, masked otherwise; null for residents’ own reports.',
  })
  callbackPhone(@Root() issue: ResidentIssueRow, @Ctx() ctx: RequestContext) {
    return issue.qrPointId === null ? null : callbackPhones(ctx).load(issue.pk);
  }

  @Mutation(() => CreateIssueQrPointPayload, {
    description: 'Makes a QR point for reporting without an account; the answer carries its token, shown only this once.',
  })
  async createIssueQrPoint(
    @Arg('input', { description: 'The compound, and optionally a building or a spot in it.' }) input: CreateIssueQrPointInput,
    @Ctx() ctx: RequestContext,
  ) {
    return pointPayload(ctx, await qrService.createPoint(ctx, input));
  }

  @Mutation(() => RotateIssueQrTokenPayload, { description: 'Gives a QR point a fresh token; its printed codes stop working.' })
  async rotateIssueQrToken(@Arg('input', { description: 'The QR point.' }) input: RotateIssueQrTokenInput, @Ctx() ctx: RequestContext) {
    return pointPayload(ctx, await qrService.rotateToken(ctx, input));
  }
}

@Resolver(() => CompoundType)
export class CompoundQrPointsResolver {
  @FieldResolver(() => [IssueQrPointType], {
    description: "The compound's QR codes for reporting without an account, oldest first (their tokens are never shown again).",
  })
  issueQrPoints(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(IssueQrPointSpec, 'compound_id').load(compound.pk);
  }
}
