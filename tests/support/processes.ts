import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/*
 * The compiled server and tools as an operator runs them: child processes (npm test builds them
 * first), their output, and a few plain HTTP helpers.
 */
export const root = path.resolve(__dirname, '../..');

/** Keys for personal values at rest, as an operator gives them in production (fixed: tests only). */
export const FIELD_KEYS: Record<string, string> = {
  FIELD_ENCRYPTION_KEYS: 'k1:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=',
  FIELD_INDEX_KEY: 'AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI=',
};
const entry = path.join(root, 'dist/src/server.js');

export interface Running {
  child: ChildProcess;
  output: () => string;
  stderr: () => string;
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  exited: Promise<number | null>;
}

/** The compiled server, started directly or (`npmScript`) as `npm run <script>`, the way a process manager may start it. */
export function start(env: Record<string, string>, options: { npmScript?: string } = {}): Running {
  if (!existsSync(entry)) throw new Error('dist/src/server.js is missing: run the suite with `npm test`, which builds first');
  const [command, args] = options.npmScript
    ? [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', options.npmScript]]
    : [process.execPath, [entry]];
  const child = spawn(command, args, {
    cwd: root,
    // Through npm: a process group of its own, so that a test can end whatever npm left behind.
    detached: !!options.npmScript,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out + err,
    stderr: () => err,
    exited,
    waitFor(pattern, ms = 90_000) {
      return new Promise((resolve, reject) => {
        const timer = setInterval(() => {
          if (pattern.test(out + err)) {
            clearInterval(timer);
            resolve();
          } else if (child.exitCode !== null || Date.now() - started > ms) {
            clearInterval(timer);
            reject(new Error(`never saw ${pattern}; output:\n${out + err}`));
          }
        }, 50);
        const started = Date.now();
      });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function graphql(port: number, query: string, token?: string): Promise<{ data: Record<string, unknown> }> {
  const auth: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data: Record<string, unknown> };
}

export async function login(port: number, user: string): Promise<string> {
  const res = await graphql(port, `mutation { login(input: { login: "${user}", password: "lianxin-demo-2026" }) { token } }`);
  return (res.data.login as { token: string }).token;
}

/** A log record (pino's JSON, or pino-pretty's line in development) below the error level. */
function isLogRecordBelowError(line: string): boolean {
  if (/^\[[\d:.]+\] (DEBUG|INFO|WARN):/.test(line)) return true;
  if (!line.startsWith('{')) return false;
  try {
    return ['debug', 'info', 'warn'].includes((JSON.parse(line) as { level?: string }).level ?? '');
  } catch {
    return false;
  }
}

/** The last line on stderr, which must be the only thing an operator needs to read. */
export function oneLine(stderr: string): string {
  const lines = stderr
    .trim()
    .split('\n')
    .filter((l) => !isLogRecordBelowError(l));
  expect(lines).toHaveLength(1);
  expect(lines[0]).not.toMatch(/^\s+at /);
  return lines[0];
}

/** Runs a compiled tool (dist/src/scripts/<name>.js) to its end: exit code and output. */
export function runTool(
  name: string,
  args: string[],
  env: Record<string, string>,
  stdin?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = path.join(root, 'dist/src/scripts', `${name}.js`);
  if (!existsSync(script)) throw new Error(`${script} is missing: run the suite with \`npm test\`, which builds first`);
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', LOG_LEVEL: 'error', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin ?? '');
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
