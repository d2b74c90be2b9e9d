import type { RequestContext } from '../../context';

/** A community's self-governance settings (columns of community; see Community entity). */
export interface CommunitySettingsRow {
  pk: number;
  partyMemberRatioMin: number;
  simplifiedSpendingBelowFen: number;
  quorumSpendingAboveFen: number;
  statementDueDay: number;
  allowNegativeBalance: boolean;
  redFlagMinScore: number;
  yellowFlagBelowScore: number;
}

/** The settings of communities by primary key, one statement per request level. */
export function communitySettings(ctx: RequestContext) {
  return ctx.loaders.custom<number, CommunitySettingsRow | null>('community:settings', async (db, keys) => {
    const rows = await db.query<CommunitySettingsRow>(
      `select id as "pk", party_member_ratio_min as "partyMemberRatioMin", simplified_spending_below_fen::text as "simplifiedSpendingBelowFen",
              quorum_spending_above_fen::text as "quorumSpendingAboveFen", statement_due_day as "statementDueDay", allow_negative_balance as "allowNegativeBalance",
              red_flag_min_score as "redFlagMinScore", yellow_flag_below_score as "yellowFlagBelowScore"
         from community where id = any($1::int[])`,
      [keys],
    );
    const byPk = new Map(
      rows.map((r) => [
        r.pk,
        {
          ...r,
          simplifiedSpendingBelowFen: Number(r.simplifiedSpendingBelowFen),
          quorumSpendingAboveFen: Number(r.quorumSpendingAboveFen),
        },
      ]),
    );
    return keys.map((k) => byPk.get(k) ?? null);
  });
}
