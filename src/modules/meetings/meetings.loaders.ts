import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { ScheduleKind } from './recurrence';

export interface MeetingScheduleRow extends TenantRow {
  compoundId: number | null;
  kind: ScheduleKind;
  title: string;
  rule: string;
  startsOn: string;
  startTime: string;
  nextWorkingDay: boolean;
  holidays: string[];
  path: string | null;
  orgPath: string | null;
}

export const MeetingScheduleSpec = registerNodeSpec(
  defineNode<MeetingScheduleRow>({
    type: 'MeetingSchedule',
    table: 'meeting_schedule',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      kind: 't.kind',
      title: 't.title',
      rule: 't.rule',
      startsOn: 't.starts_on',
      startTime: 't.start_time',
      nextWorkingDay: 't.next_working_day',
      holidays: "(select coalesce(array_agg(to_char(d, 'YYYY-MM-DD') order by d), '{}') from unnest(t.holidays) d)",
      path: '(select coalesce(c.path, m.path)::text from community m left join compound c on c.id = t.compound_id where m.id = t.community_id)',
      orgPath: '(select c.org_path::text from compound c where c.id = t.compound_id)',
    },
  }),
  Capability.READ_STRUCTURE,
);
