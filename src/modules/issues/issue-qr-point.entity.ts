import { Check, Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';

/**
 * A QR code under which anyone may report an issue without an account (群众吹哨): a compound, or a
 * building or a named spot in it. Only the SHA-256 of its token is kept, so a leaked row opens no
 * report form; rotating the token makes every printed code of the point stop working.
 */
@Entity()
@Check({ name: 'issue_qr_point_token_hash', expression: "token_hash ~ '^[0-9a-f]{64}$'" })
@Check({ name: 'issue_qr_point_spot_not_blank', expression: "spot is null or btrim(spot) <> ''" })
export class IssueQrPoint extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => Building, { ref: true, nullable: true, deleteRule: 'restrict' })
  building?: Ref<Building> | null;

  /** A spot in the compound (the statue, the gate), printed on the page. */
  @Property({ length: 100, nullable: true })
  spot?: string | null;

  @Property({ length: 64, unique: true })
  tokenHash!: string;

  @Property({ columnType: 'timestamptz' })
  tokenSetAt!: Date;

  @Property({ length: 100 })
  createdBy!: string;
}
