import type { RequestContext } from '../../context';
import { communitySettings } from '../geography/community-settings';
import { quarterEnd } from '../../core/time/calendar';
import { DEFAULT_THRESHOLDS, rank, ratingFlag, ratingScore } from './rating-formula';
import type { RatingFlag, ServiceProvider } from './services.enums';

/**
 * A compound's service in one quarter, scored and flagged (PropertyCompanyRating) by the formula
 * of rating-formula.ts over the figures read here. Evaluations close with the quarter and objections count by when they were answered, so a past
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
          const score = ratingScore(average, r.objections, r.unanswered);
          const flag = ratingFlag(score, settings ?? DEFAULT_THRESHOLDS);
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
        return rank(rated);
      }),
    ),
  );
  return loader.load(`${communityId}|${quarter}`);
}
