import type { RequestContext } from '../../context';
import { communitySettings } from '../geography/community-settings';
import { quarterEnd } from '../../core/time/calendar';
import { RatingFlag, type ServiceProvider } from './services.enums';

/**
 * A compound's service in one quarter, scored and flagged (PropertyCompanyRating). The score is
 * 20 × the households' average rating (1–5, so 20–100), less 2 points per objection raised in the
 * quarter and 3 more per objection not answered by the quarter's end, never below 0. Flags use the
 * community's thresholds: RED at or above redFlagMinScore, YELLOW below yellowFlagBelowScore.
 * Evaluations close with the quarter and objections count by when they were answered, so a past
 * quarter's figures do not change.
 */
export interface RatingRow {
  communityId: number;
  compoundId: number;
  quarter: string;
  provider: ServiceProvider;
  propertyCompanyId: number | null;
  evaluations: number;
  households: number;
  averageScore: number | null;
  objections: number;
  unansweredObjections: number;
  score: number | null;
  flag: RatingFlag;
  rank: number | null;
}

const RANKING_SQL = `
select l.compound_id as "compoundId",
       (array_agg(l.provider order by l.month desc))[1] as provider,
       (array_agg(l.property_company_id order by l.month desc))[1] as "propertyCompanyId",
       (select count(*) from service_evaluation e where e.compound_id = l.compound_id and e.quarter = $2::date)::int as evaluations,
       (select count(distinct e.household_id) from service_evaluation e where e.compound_id = l.compound_id and e.quarter = $2::date)::int as households,
       (select avg(e.score)::numeric(6,4)::text from service_evaluation e where e.compound_id = l.compound_id and e.quarter = $2::date) as average,
       (select count(*) from service_objection o join service_item i on i.id = o.item_id join service_list x on x.id = i.list_id
         where x.compound_id = l.compound_id and x.month >= $2::date and x.month < $3::date)::int as objections,
       (select count(*) from service_objection o join service_item i on i.id = o.item_id join service_list x on x.id = i.list_id
         where x.compound_id = l.compound_id and x.month >= $2::date and x.month < $3::date
           and (o.answered_at is null or o.answered_at >= $3::date))::int as unanswered
  from service_list l
 where l.community_id = $1 and l.month >= $2::date and l.month < $3::date
 group by l.compound_id`;

/** The community's compounds ranked for a quarter (best first; unrated compounds last). */
export function communityRanking(ctx: RequestContext, communityId: number, quarter: string): Promise<RatingRow[]> {
  const loader = ctx.loaders.custom<string, RatingRow[]>('services:ranking', (db, keys) =>
    Promise.all(
      keys.map(async (key) => {
        const [community, q] = key.split('|');
        const settings = await communitySettings(ctx).load(Number(community));
        const rows = await db.query<{
          compoundId: number;
          provider: ServiceProvider;
          propertyCompanyId: number | null;
          evaluations: number;
          households: number;
          average: string | null;
          objections: number;
          unanswered: number;
        }>(RANKING_SQL, [Number(community), q, quarterEnd(q)]);
        const rated = rows.map((r) => {
          const average = r.average === null ? null : Number(r.average);
          const score = average === null ? null : Math.max(0, Math.round((average * 20 - 2 * r.objections - 3 * r.unanswered) * 10) / 10);
          const flag =
            score === null ? RatingFlag.NONE : score >= (settings?.redFlagMinScore ?? 85) ? RatingFlag.RED : score < (settings?.yellowFlagBelowScore ?? 60) ? RatingFlag.YELLOW : RatingFlag.NONE;
          return {
            communityId: Number(community),
            compoundId: r.compoundId,
            quarter: q,
            provider: r.provider,
            propertyCompanyId: r.propertyCompanyId,
            evaluations: r.evaluations,
            households: r.households,
            averageScore: average === null ? null : Math.round(average * 100) / 100,
            objections: r.objections,
            unansweredObjections: r.unanswered,
            score,
            flag,
            rank: null as number | null,
          };
        });
        rated.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.compoundId - b.compoundId);
        let rank = 0;
        for (const r of rated) if (r.score !== null) r.rank = ++rank;
        return rated;
      }),
    ),
  );
  return loader.load(`${communityId}|${quarter}`);
}
