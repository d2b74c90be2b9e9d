import { Entity, ManyToOne, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { RoleBinding } from '../identity/role-binding.entity';
import { GridPosting } from './grid-posting.entity';

/**
 * A GRID_WORKER role binding a posting created: ending the posting revokes it (or hands it to
 * another active posting of the person covering the same compound). Bindings granted by hand
 * are never linked, so a posting never revokes them.
 */
@Entity()
@Unique({ properties: ['roleBinding'] })
export class GridPostingBinding extends TenantEntity {
  @ManyToOne(() => GridPosting, { ref: true, deleteRule: 'restrict' })
  posting!: Ref<GridPosting>;

  @ManyToOne(() => RoleBinding, { ref: true, deleteRule: 'restrict' })
  roleBinding!: Ref<RoleBinding>;
}
