import { ValidateNested } from 'class-validator';
import { fixedClock } from '../../src/core/clock';
import { PastOrNearDate, Text, validateInput } from '../../src/core/validation/rules';

/*
 * A field rule about today (a date of record no further ahead than allowed) asks the request's
 * clock, as services do: an input is judged on the request's day, not on the day the suite runs.
 */

class Input {
  @PastOrNearDate(10)
  startedOn?: string | null;
}

class Outer {
  @Text({ max: 10 })
  name!: string;

  @ValidateNested({ each: true })
  steps!: Input[];
}

function input(startedOn: string): Input {
  return Object.assign(new Input(), { startedOn });
}

describe('field rules about today use the request clock', () => {
  it('accepts a date within the allowance of the clock’s today, and refuses one beyond it', async () => {
    const clock = fixedClock('2099-03-01T00:00:00Z');
    expect(await validateInput(input('2099-03-10'), clock)).toEqual([]);
    expect((await validateInput(input('2099-03-20'), clock)).map((e) => [e.field, e.code])).toEqual([[['startedOn'], 'OUT_OF_RANGE']]);
  });

  it('judges the same date by the clock given: far ahead of the system’s today, near the clock’s', async () => {
    expect((await validateInput(input('2099-03-05'))).map((e) => e.code)).toEqual(['OUT_OF_RANGE']);
    expect(await validateInput(input('2099-03-05'), fixedClock('2099-03-01T00:00:00Z'))).toEqual([]);
  });

  it('leaves the clock out of the input’s own keys (nothing extra is stored or hashed)', async () => {
    const value = input('2099-03-05');
    await validateInput(value, fixedClock('2099-03-01T00:00:00Z'));
    expect(Object.keys(value)).toEqual(['startedOn']);
    expect(JSON.stringify(value)).toBe('{"startedOn":"2099-03-05"}');
  });

  it('reaches nested inputs: a date of a nested item is judged by the same clock', async () => {
    const outer = Object.assign(new Outer(), { name: 'x', steps: [input('2099-03-05'), input('2099-03-20')] });
    const errors = await validateInput(outer, fixedClock('2099-03-01T00:00:00Z'));
    expect(errors.map((e) => [e.field, e.code])).toEqual([[['steps', '1', 'startedOn'], 'OUT_OF_RANGE']]);
  });
});
