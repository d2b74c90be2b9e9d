import { Field, ObjectType } from 'type-graphql';
import type { RequestContext } from '../../context';

/**
 * What an office holder shows the community (亮身份、亮职责、亮承诺): name and post, and where their
 * household displays a member-household plate, its duties, pledge and specialties. Never their
 * record (age, gender, home, membership): that stays with those who have a duty of care for them.
 */
@ObjectType('OfficeHolder', {
  simpleResolvers: true,
  description:
    'The public face of an office holder: name, post, and the duties and pledge of their member-household plate if it is displayed.',
})
export class OfficeHolderType {
  @Field({ description: "The office holder's name (public for this post)." })
  name!: string;

  @Field({ description: 'The office, e.g. 馨园小区党支部书记.' })
  post!: string;

  @Field(() => String, { description: 'Duties of the post (public).', nullable: true })
  duties!: string | null;

  @Field(() => String, { description: 'Their public pledge.', nullable: true })
  pledge!: string | null;

  @Field(() => String, { description: 'What they can help with.', nullable: true })
  specialties!: string | null;
}

interface FaceRow {
  person_id: number;
  name: string;
  duties: string | null;
  pledge: string | null;
  specialties: string | null;
}

/** The public face of the person holding `post`, or null (nobody, or not in the caller's communities). One statement per level. */
export async function officeHolder(
  ctx: RequestContext,
  personId: number | null | undefined,
  post: string,
): Promise<OfficeHolderType | null> {
  if (personId === null || personId === undefined) return null;
  const face = await ctx.loaders
    .custom<number, FaceRow | null>('office-faces', async (db, ids) => {
      const rows = await db.query<FaceRow>('select * from lianxin_office_faces($1::int[])', [ids]);
      return ids.map((id) => rows.find((r) => r.person_id === id) ?? null);
    })
    .load(personId);
  return face ? { name: face.name, post, duties: face.duties, pledge: face.pledge, specialties: face.specialties } : null;
}
