import { sql } from './databases';
import { gid } from './test-app';

/** Global IDs of demo objects by name, looked up directly in the test database (setup only). */
export async function idByName(database: string, table: string, name: string, type: string): Promise<string> {
  const rows = await sql<{ id: number }>(database, `select id from ${table} where name = $1 order by id limit 1`, [name]);
  if (!rows.length) throw new Error(`no ${table} named ${name} in the demo data`);
  return gid(type, rows[0].id);
}

export async function pkByName(database: string, table: string, name: string): Promise<number> {
  const rows = await sql<{ id: number }>(database, `select id from ${table} where name = $1 order by id limit 1`, [name]);
  if (!rows.length) throw new Error(`no ${table} named ${name} in the demo data`);
  return rows[0].id;
}

export const DEMO = {
  yongkang: '永康北路社区',
  zhenxing: '振兴社区',
  xinyuan: '馨园',
  dormitory: '小店区一中宿舍',
  yifen: '漪汾仙庄',
  jointChangsheng: '昌盛西一巷片区联合党支部',
  jointYongkang: '永康北路片区联合党支部',
  dormitoryBranch: '一中宿舍小区党支部',
  xinyuanBranch: '馨园小区党支部',
  xianglu: '翔鹭花城二期',
} as const;
