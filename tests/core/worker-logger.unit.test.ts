import { workerLogger } from '../../src/core/jobs/worker-logger';
import { createLogger } from '../../src/core/logger';

/*
 * The job runner's log lines in the platform's log: an error's message and code, never the objects
 * graphile-worker hangs on them (a pg client with its connection parameters); a connection the
 * database ended while shutting down is a warning, any other error stays an error.
 */
describe("graphile-worker's log", () => {
  const capture = () => {
    const lines: Array<Record<string, unknown>> = [];
    return { lines, log: workerLogger(createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>))) };
  };
  const pgError = (message: string, code: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });

  it('logs a connection ended by a shutting-down database as a warning, with the message and code only', () => {
    const { lines, log } = capture();
    const client = { connectionParameters: { user: 'lianxin_app', host: '127.0.0.1' }, processID: 362 };
    log.error('PostgreSQL idle client generated error: terminating connection due to administrator command', {
      error: pgError('terminating connection due to administrator command', '57P01'),
      client,
    } as never);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      error: { message: 'terminating connection due to administrator command', code: '57P01' },
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/connectionParameters|processID|lianxin_app/);
  });

  it('logs it at debug level once the instance is shutting down', () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = workerLogger(
      createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
      () => true,
    );
    log.error('Error occurred attempting to UNLISTEN', {
      error: pgError('terminating connection due to administrator command', '57P01'),
    } as never);
    expect(lines.map((l) => l.level)).toEqual(['debug']);
  });

  it('keeps any other error an error', () => {
    const { lines, log } = capture();
    log.error('Worker exited with error', { error: pgError('relation "x" does not exist', '42P01') } as never);
    log.error('Failed task', { error: new Error('the handler threw') } as never);
    expect(lines.map((l) => [l.level, (l.error as { message: string }).message])).toEqual([
      ['error', 'relation "x" does not exist'],
      ['error', 'the handler threw'],
    ]);
  });
});
