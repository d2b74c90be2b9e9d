import { defineNode, type NodeRow } from '../../core/data/node-spec';

export interface PersonalDataReadRow extends NodeRow {
  readAt: string;
  communityId: number;
  requestId: string;
  readerKind: 'user' | 'service';
  readerUserId: number | null;
  readerServiceAccountId: number | null;
  readerPersonId: number | null;
  readerLabel: string;
  subjectType: string;
  subjectId: number;
  field: string;
  dataOf: string;
  path: string | null;
}

// Not a node (no node(id:)): entries are reached only through the community's log.
export const PersonalDataReadSpec = defineNode<PersonalDataReadRow>({
  type: 'PersonalDataRead',
  table: 'personal_data_read',
  archivable: false,
  columns: {
    createdAt: 't.read_at',
    updatedAt: 't.read_at',
    archivedAt: 'null::timestamptz',
    readAt: 't.read_at',
    communityId: 't.community_id',
    requestId: 't.request_id',
    readerKind: 't.reader_kind',
    readerUserId: 't.reader_user_id',
    readerServiceAccountId: 't.reader_service_account_id',
    readerPersonId: 't.reader_person_id',
    readerLabel: 't.reader_label',
    subjectType: 't.subject_type',
    subjectId: 't.subject_id',
    field: 't.field',
    dataOf: 't.data_of',
    path: '(select c.path::text from community c where c.id = t.community_id)',
  },
  convert: (row) => {
    row.pk = Number(row.pk);
  },
});
