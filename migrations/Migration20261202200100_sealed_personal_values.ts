import { Migration } from '@mikro-orm/migrations';
import { blindIndex, open, seal } from '../src/core/crypto/sealed';

/*
 * Identity card numbers and phones sealed at rest (AES-256-GCM, the key from FIELD_ENCRYPTION_KEYS)
 * with a blind index (HMAC) beside each: existing plain values are sealed here, in the migration's
 * transaction, then the plain columns are dropped. ID numbers are unique per community through
 * their index. Run it with the production keys in the environment.
 */

interface PlainRow {
  id: number;
  phone: string | null;
  id_number: string | null;
}

export class Migration20261202200100_sealed_personal_values extends Migration {
  override async up(): Promise<void> {
    await this.execute(
      'alter table "person" add column "phone_sealed" text null, add column "phone_index" varchar(64) null, add column "id_number_sealed" text null, add column "id_number_index" varchar(64) null;',
    );
    const rows = (await this.execute(
      'select id, phone, id_number from person where phone is not null or id_number is not null',
    )) as PlainRow[];
    for (let i = 0; i < rows.length; i += 1000) {
      const batch = rows.slice(i, i + 1000);
      const values = batch
        .map((r) => {
          const v = [
            r.phone && seal(r.phone),
            blindIndex('phone', r.phone),
            r.id_number && seal(r.id_number),
            blindIndex('id-number', r.id_number),
          ];
          return `(${r.id}, ${v.map((x) => (x ? `'${x}'` : 'null')).join(', ')})`;
        })
        .join(', ');
      // Hex and base64url only: nothing to quote.
      await this.execute(
        `update person p set phone_sealed = v.ps, phone_index = v.pi, id_number_sealed = v.ns, id_number_index = v.ni
           from (values ${values}) as v(id, ps, pi, ns, ni) where p.id = v.id`,
      );
    }
    this.addSql(
      'alter table "person" drop constraint if exists "person_phone_format", drop constraint if exists "person_id_number_format";',
    );
    this.addSql('alter table "person" drop column "phone", drop column "id_number";');
    this.addSql('create index "person_phone_index_index" on "person" ("community_id", "phone_index");');
    this.addSql('alter table "person" add constraint "person_id_number_unique" unique ("community_id", "id_number_index");');
    this.addSql('alter table "person" add constraint person_phone_indexed check ((phone_sealed is null) = (phone_index is null));');
    this.addSql(`alter table "person" add constraint person_phone_sealed check (phone_sealed is null or phone_sealed ~ '^v1:');`);
    this.addSql(
      'alter table "person" add constraint person_id_number_indexed check ((id_number_sealed is null) = (id_number_index is null));',
    );
    this.addSql(
      `alter table "person" add constraint person_id_number_sealed check (id_number_sealed is null or id_number_sealed ~ '^v1:');`,
    );
  }

  override async down(): Promise<void> {
    await this.execute('alter table "person" add column "phone" varchar(20) null, add column "id_number" varchar(18) null;');
    const rows = (await this.execute(
      'select id, phone_sealed as phone, id_number_sealed as id_number from person where phone_sealed is not null or id_number_sealed is not null',
    )) as PlainRow[];
    const literal = (v: string | null) => (v === null ? 'null' : `'${v.replace(/'/g, "''")}'`);
    for (let i = 0; i < rows.length; i += 1000) {
      const values = rows
        .slice(i, i + 1000)
        .map((r) => `(${r.id}, ${literal(r.phone && open(r.phone))}, ${literal(r.id_number && open(r.id_number))})`)
        .join(', ');
      await this.execute(
        `update person p set phone = v.phone, id_number = v.id_number from (values ${values}) as v(id, phone, id_number) where p.id = v.id`,
      );
    }
    this.addSql('alter table "person" drop constraint if exists "person_id_number_unique";');
    this.addSql('drop index if exists "person_phone_index_index";');
    this.addSql(
      'alter table "person" drop column "phone_sealed", drop column "phone_index", drop column "id_number_sealed", drop column "id_number_index";',
    );
    this.addSql(`alter table "person" add constraint person_phone_format check (phone is null or phone ~ '^[0-9+ -]{5,20}$');`);
    this.addSql(
      `alter table "person" add constraint person_id_number_format check (id_number is null or id_number ~ '^[0-9]{17}[0-9X]$');`,
    );
  }
}
