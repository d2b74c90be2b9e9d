import { OpenCoManagedAccountDocument } from '../generated/graphql';
import { sql } from './databases';
import { DEMO } from './demo';
import { gid, ok, type TestApp } from './test-app';

/** Xinyuan's people behind the demo logins, and its compound: the cast of the money tests. */
export interface Xinyuan {
  compound: string;
  compoundPk: number;
  secretary: string;
  committeeMember: string;
  ownerRepresentative: string;
  /** A resident of Xinyuan who holds no seat. */
  resident: string;
}

export async function xinyuanCast(app: TestApp): Promise<Xinyuan> {
  const [row] = await sql<{ compound: number; secretary: number; committee: number; owner: number; resident: number }>(
    app.database,
    `select cp.id as compound, b.secretary_id as secretary,
            (select person_id from user_account where login = 'committee.xinyuan') as committee,
            (select person_id from user_account where login = 'owner.xinyuan') as owner,
            (select person_id from user_account where login = 'resident.xinyuan') as resident
       from compound cp join compound_branch b on b.id = cp.branch_id where cp.name = $1`,
    [DEMO.xinyuan],
  );
  return {
    compound: gid('Compound', row.compound),
    compoundPk: row.compound,
    secretary: gid('Person', row.secretary),
    committeeMember: gid('Person', row.committee),
    ownerRepresentative: gid('Person', row.owner),
    resident: gid('Person', row.resident),
  };
}

/** Opens Xinyuan's account as its branch secretary; returns the account ID. */
export async function openXinyuanAccount(app: TestApp, cast: Xinyuan, openedOn = '2026-01-01'): Promise<string> {
  const res = ok(
    await app.request(
      OpenCoManagedAccountDocument,
      {
        input: {
          compoundId: cast.compound,
          openedOn,
          custodians: [
            { seat: 'BRANCH_SECRETARY', personId: cast.secretary },
            { seat: 'COMMITTEE_MEMBER', personId: cast.committeeMember },
            { seat: 'OWNER_REPRESENTATIVE', personId: cast.ownerRepresentative },
          ],
        },
      },
      { as: 'secretary.xinyuan' },
    ),
  ).openCoManagedAccount;
  if (!res.account) throw new Error(`could not open the account: ${JSON.stringify(res.userErrors)}`);
  return res.account.id;
}
