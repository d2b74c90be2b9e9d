import { getNamedType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';

/*
 * A payload type is described from its mutation (docs/api.md: one XPayload per mutation): which
 * mutation answers it, what that mutation does (the first sentence of its own description) and what
 * the payload carries. Written once here rather than by hand in every module, so a payload says
 * something about its mutation and stays in step with it. A payload given a description of its own
 * keeps it.
 */

export function describePayloads(schema: GraphQLSchema): void {
  for (const mutation of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const payload = getNamedType(mutation.type);
    if (!isObjectType(payload) || payload.description) continue;
    const carried = Object.values(payload.getFields()).filter((f) => f.name !== 'userErrors');
    const what =
      carried.length === 1 && (isObjectType(getNamedType(carried[0].type)) || isInterfaceType(getNamedType(carried[0].type)))
        ? `\`${carried[0].name}\` as it is after the change`
        : carried.length > 0
          ? listed(carried.map((f) => `\`${f.name}\``))
          : 'nothing besides its errors';
    const errors = payload.getFields().userErrors ? '; `userErrors` says why when it was refused, and then nothing changed' : '';
    const does = firstSentence(mutation.description);
    payload.description = `The answer of \`${mutation.name}\`${does ? ` (${does})` : ''}: ${what}${errors}.`;
  }
}

function firstSentence(text: string | null | undefined): string {
  if (!text) return '';
  const sentence = text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s/)[0]
    .replace(/[.!?:]$/, '');
  // "Records a person" → "records a person"; an acronym or a code span stays as written.
  return /^[A-Z]([a-z]|\s)/.test(sentence) ? sentence[0].toLowerCase() + sentence.slice(1) : sentence;
}

function listed(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
