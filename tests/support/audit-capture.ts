import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';

/*
 * The audit log's completeness, checked over the whole suite. Every test database carries a
 * trigger on every table the application writes that records each row the API's role changes
 * directly (not rows that other triggers derive, not the test's own setup SQL, which runs as the
 * superuser; bookkeeping columns such as an API key's last use are not changes; the logs themselves —
 * the audit log and the personal-data read log — are not); when the test file drops its database, every such change must have its audit entry
 * (same entity, row and operation), or the file fails naming the change. So a new raw write that
 * forgets `auditedWrite`, or a read that writes, is caught by whichever test exercises it.
 */

const INSTALL = String.raw`
create table lianxin_row_change (tbl text not null, row_id bigint, op text not null);
create table lianxin_row_change_entity (entity text not null, tbl text not null);
create function lianxin_capture_row_change() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
declare v_row jsonb;
begin
  if session_user <> 'lianxin_app' or pg_trigger_depth() > 1 then return null; end if;
  v_row := to_jsonb(case when tg_op = 'DELETE' then old else new end);
  -- Bookkeeping is no change anyone made: the row's own timestamp, an API key's last use.
  if tg_op = 'UPDATE' and to_jsonb(old) - '{updated_at,last_used_at}'::text[] = to_jsonb(new) - '{updated_at,last_used_at}'::text[] then return null; end if;
  insert into lianxin_row_change values (tg_table_name, (v_row ->> 'id')::bigint,
    case tg_op when 'INSERT' then 'CREATE' else tg_op end);
  return null;
end $$;
do $$
declare t text;
begin
  for t in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'public' and c.relkind in ('r', 'p')
              and c.relname not in ('audit_entry', 'personal_data_read_batch', 'mikro_orm_migrations') and c.relname not like 'lianxin\_%'
  loop
    execute format('create trigger zz_capture_row_change after insert or update or delete on %I for each row execute function lianxin_capture_row_change()', t);
  end loop;
end $$;
`;

/** Installs the capture on a freshly migrated (template) database. */
export async function installAuditCapture(client: pg.Client, orm: MikroORM): Promise<void> {
  await client.query(INSTALL);
  const entities = orm.getMetadata().getAll();
  const pairs = Object.values(entities)
    .filter((m) => !m.abstract && !m.embeddable && m.tableName)
    .map((m) => [m.className, m.tableName]);
  await client.query('insert into lianxin_row_change_entity (entity, tbl) select * from unnest($1::text[], $2::text[])', [
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1]),
  ]);
}

/** The row changes the API made that have no audit entry, as readable lines. */
export async function unauditedChanges(client: pg.Client): Promise<string[]> {
  const { rows: present } = await client.query<{ ok: boolean }>(
    "select to_regclass('lianxin_row_change') is not null and to_regclass('audit_entry') is not null as ok",
  );
  if (!present[0]?.ok) return []; // a database rolled back below the audit log (the migrations test)
  const { rows } = await client.query<{ line: string }>(
    `select format('%s %s #%s', c.op, c.tbl, coalesce(c.row_id::text, '?')) as line
       from lianxin_row_change c
      where not exists (select 1 from audit_entry a join lianxin_row_change_entity e on e.entity = a.entity
                         where e.tbl = c.tbl and a.entity_id = c.row_id and a.operation = c.op)
      group by c.op, c.tbl, c.row_id order by 1 limit 50`,
  );
  return rows.map((r) => r.line);
}
