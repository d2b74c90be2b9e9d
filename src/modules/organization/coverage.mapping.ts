import { Index, ManyToOne, type Ref } from '@mikro-orm/core';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import { BuildingGroup } from './building-group.entity';
import { CompoundBranch } from './compound-branch.entity';

/*
 * Which branch covers a compound, and which building group a building belongs to, are the
 * organization's facts about places (columns compound.branch_id and building.group_id). The places
 * module knows nothing of branches and groups; the organization maps these two columns onto the
 * places' entities here, before the ORM reads its metadata (this file is imported by the
 * organization's manifest).
 */

declare module '../places/compound.entity' {
  interface Compound {
    /** The branch covering the compound now; history in CompoundBranchAssignment. */
    branch?: Ref<CompoundBranch> | null;
  }
}

declare module '../places/building.entity' {
  interface Building {
    /** The building group the building belongs to, if any. */
    group?: Ref<BuildingGroup> | null;
  }
}

/** MikroORM's @Index as a plain call on a class declared elsewhere. */
const classIndex = (properties: string[]) => Index({ properties: properties as never[] }) as unknown as (target: Function) => void;

ManyToOne(() => CompoundBranch, { ref: true, nullable: true, deleteRule: 'restrict' })(Compound.prototype, 'branch');
classIndex(['branch'])(Compound);
ManyToOne(() => BuildingGroup, { ref: true, nullable: true, deleteRule: 'restrict', fieldName: 'group_id' })(Building.prototype, 'group');
classIndex(['group'])(Building);
