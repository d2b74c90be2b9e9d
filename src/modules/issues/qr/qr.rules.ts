import { Capability } from '../../../core/auth/capabilities';
import { fields, NODE_FIELDS, payload } from '../../../core/permissions/fields';
import { allow, below, mutation, type ShieldRule as IRule } from '../../../core/permissions/rules';
import { field } from '../../../core/permissions/targets';
import { CompoundSpec } from '../../places/compound.loaders';
import { IssueQrPointSpec } from './qr.loaders';

/*
 * QR points are managed by those who handle the compound's issues (its branch secretary, the
 * community's admins): HANDLE_ISSUES over the compound. The page itself (/r/<token>) is outside
 * GraphQL: its token opens only its own point (qr.http.ts).
 */

export const qrRules: Record<string, Record<string, IRule>> = {
  Compound: { issueQrPoints: below(Capability.HANDLE_ISSUES) },
  IssueQrPoint: { ...NODE_FIELDS, ...fields(allow, 'place', 'spot', 'tokenSetAt', 'createdBy') },
  ...payload('CreateIssueQrPointPayload', 'qrPoint', 'token'),
  ...payload('RotateIssueQrTokenPayload', 'qrPoint', 'token'),
};

export const qrMutationRules: Record<string, IRule> = {
  createIssueQrPoint: mutation('createIssueQrPoint', Capability.HANDLE_ISSUES, field(CompoundSpec, 'compoundId')),
  rotateIssueQrToken: mutation('rotateIssueQrToken', Capability.HANDLE_ISSUES, field(IssueQrPointSpec, 'qrPointId')),
};
