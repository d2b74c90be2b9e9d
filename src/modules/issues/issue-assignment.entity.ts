import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { PropertyCompany } from '../services/property-company.entity';
import { AssigneeCapacity } from './issues.enums';
import { ResidentIssue } from './resident-issue.entity';

/** An issue given to a person (secretary, leader, grid worker, volunteer, mediator) or to the property company. */
@Entity()
@Index({ properties: ['issue', 'id'] })
@Check({
  name: 'issue_assignment_assignee',
  expression:
    "(capacity = 'PROPERTY_COMPANY') = (property_company_id is not null) and (person_id is null) = (property_company_id is not null)",
})
export class IssueAssignment extends TenantEntity {
  @ManyToOne(() => ResidentIssue, { ref: true, deleteRule: 'restrict' })
  issue!: Ref<ResidentIssue>;

  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  person?: Ref<Person> | null;

  @ManyToOne(() => PropertyCompany, { ref: true, nullable: true, deleteRule: 'restrict' })
  propertyCompany?: Ref<PropertyCompany> | null;

  @Enum({ items: () => AssigneeCapacity, length: 20 })
  capacity!: AssigneeCapacity;

  @Property({ length: 100 })
  assignedBy!: string;

  @Property({ columnType: 'timestamptz' })
  assignedAt!: Date;

  @Property({ length: 1000, nullable: true })
  note?: string | null;
}
