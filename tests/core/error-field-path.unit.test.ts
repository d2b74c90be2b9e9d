import { BadUserInputError, NotFoundError } from '../../src/core/errors/errors';

/*
 * `extensions.field` has one shape for clients: the path from the mutation's arguments, as a list,
 * however the error was raised (a dotted name within the input, a bare field name, or a path).
 */
describe('extensions.field', () => {
  it('is a list path from the arguments, whatever it was raised with', () => {
    expect(new NotFoundError('Person', { field: 'custodians.1.personId' }).extensions.field).toEqual([
      'input',
      'custodians',
      '1',
      'personId',
    ]);
    expect(new NotFoundError('scope', { field: 'scopeId' }).extensions.field).toEqual(['input', 'scopeId']);
    expect(new BadUserInputError('input.accountId is not a valid ID', { field: ['input', 'accountId'] }).extensions.field).toEqual([
      'input',
      'accountId',
    ]);
    expect(new NotFoundError('User', { argument: 'id' }).extensions).toEqual({ argument: 'id', code: 'NOT_FOUND' });
  });
});
