import { Capability } from '../../core/auth/capabilities';
import { connection, fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import { allow, below, inCommunity, mutation, type ShieldRule as IRule } from '../../core/permissions/rules';
import { field } from '../../core/permissions/targets';
import { CompoundSpec } from '../places/compound.loaders';
import { FeeChargeSpec, FeeScheduleSpec } from './fees.loaders';

const { READ_HOUSEHOLDS, READ_DISCLOSURES, MANAGE_FEES, RECORD_FEES, READ_ARREARS } = Capability;

/*
 * Schedules are public within the compound (the articles publish them), and so are collection
 * rates to the community's own people; which households owe is for the committee, the branch and
 * the community (READ_ARREARS); a household sees its own charges; a waiver's reason is personal
 * data (masked in the resolver). A small compound's or building's collection tells who owes: the
 * offices above communities read figures instead, with small cells withheld.
 */
export const feesRules: Record<string, Record<string, IRule>> = {
  Compound: {
    feeSchedules: allow,
    ...fields(inCommunity(READ_DISCLOSURES), 'feeCollection', 'feeCollectionSeries'),
    arrears: below(READ_ARREARS),
  },
  Building: { feeCollection: inCommunity(READ_DISCLOSURES) },
  Household: { feeCharges: below(READ_HOUSEHOLDS) },
  FeeSchedule: { ...NODE_FIELDS, ...fields(allow, 'name', 'basis', 'rateFen', 'period', 'agreedOn', 'effectiveFrom', 'effectiveTo') },
  FeeCharge: {
    ...NODE_FIELDS,
    ...fields(allow, 'period', 'amountFen', 'paidFen', 'waivedFen', 'outstandingFen', 'household', 'schedule', 'waiverReason'),
  },
  FeeCollection: fields(allow, 'period', 'chargedFen', 'waivedFen', 'dueFen', 'collectedFen', 'rate', 'households', 'settledHouseholds'),
  ...connection('FeeCharge'),
  ...payload('CreateFeeSchedulePayload', 'schedule'),
  ...payload('IssueFeeChargesPayload', 'schedule'),
  ...payload('RecordFeePaymentPayload', 'charge'),
  ...payload('WaiveFeePayload', 'charge'),
};

export const feesMutationRules: Record<string, IRule> = {
  createFeeSchedule: mutation('createFeeSchedule', MANAGE_FEES, field(CompoundSpec, 'compoundId')),
  issueFeeCharges: mutation('issueFeeCharges', MANAGE_FEES, field(FeeScheduleSpec, 'scheduleId')),
  recordFeePayment: mutation('recordFeePayment', RECORD_FEES, field(FeeChargeSpec, 'chargeId')),
  waiveFee: mutation('waiveFee', MANAGE_FEES, field(FeeChargeSpec, 'chargeId')),
};
