import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Issues' rules in the database (tables: the migration before): an issue is placed where its
 * household is (community, compound, place and organization paths copied from it), steps and
 * escalations belong to their issue's community, row-level security; and the job queue's grant.
 */

const TABLES = ['resident_issue', 'issue_step', 'escalation', 'issue_settings'];

const TRIGGERS = String.raw`
create function resident_issue_place() returns trigger language plpgsql as $$
declare home household%rowtype;
begin
  select * into home from household where id = new.household_id;
  if not found then raise exception 'household % does not exist', new.household_id using errcode = '23503', constraint = 'resident_issue_household_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, home.community_id, 'resident_issue_same_community');
  new.compound_id := home.compound_id;
  new.path := home.path;
  new.org_path := home.org_path;
  return new;
end $$;
create trigger resident_issue_place before insert or update of community_id, household_id, compound_id, path, org_path on resident_issue
  for each row execute function resident_issue_place();

create function issue_child_community() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from resident_issue where id = new.issue_id;
  if not found then raise exception 'issue % does not exist', new.issue_id using errcode = '23503', constraint = TG_TABLE_NAME || '_issue_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, TG_TABLE_NAME || '_same_community');
  return new;
end $$;
create trigger issue_step_community before insert or update of community_id, issue_id on issue_step for each row execute function issue_child_community();
create trigger escalation_community before insert or update of community_id, issue_id on escalation for each row execute function issue_child_community();
`;

// The job queue's narrow grant: a transaction that holds no grant yet may reach the one community a
// claimed (locked) job names in its payload, and nothing else: no platform, no other tenant.
const JOB_GRANT = String.raw`
create function lianxin_job_grant(p_job_id bigint) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_community int;
begin
  if coalesce(current_setting('app.grant', true), '') <> '' then
    raise exception 'this transaction already holds a grant' using errcode = '42501';
  end if;
  select (j.payload->>'communityId')::int into v_community
    from graphile_worker._private_jobs j where j.id = p_job_id and j.locked_at is not null;
  if v_community is null then
    raise exception 'job % is not claimed or names no community', p_job_id using errcode = '42501';
  end if;
  perform public.lianxin_set_grant(array['g1', '0', v_community::text, '0', v_community::text, '', '', '', '']);
end $$;
revoke all on function lianxin_job_grant(bigint) from public;
grant execute on function lianxin_job_grant(bigint) to lianxin_app;
`;

export class Migration20261202300100_issue_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
    this.addSql(JOB_GRANT);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists lianxin_job_grant(bigint);');
    for (const table of TABLES) this.addSql(dropPolicy(table));
    this.addSql('drop trigger if exists issue_step_community on issue_step; drop trigger if exists escalation_community on escalation;');
    this.addSql('drop function if exists issue_child_community();');
    this.addSql('drop trigger if exists resident_issue_place on resident_issue; drop function if exists resident_issue_place();');
  }
}
