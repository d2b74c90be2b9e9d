import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';

/*
 * HEAP_GROWING_PERCENT (src/core/heap-policy.ts, docs/operations.md "Memory"): the server bounds
 * how far V8's old generation grows past what survived before collecting again. The mechanism is
 * a V8 flag set once the process runs, so each Node version the project supports must honour it:
 * a child process (the compiled policy, as the server loads it) allocates like a loaded server —
 * every "request" keeps its objects through a few scavenges, then drops them — and reports its peak
 * heap, with and without the policy.
 */
const POLICY = path.resolve(__dirname, '../../dist/src/core/heap-policy.js');

const WORKLOAD = `
const v8 = require('node:v8');
const percent = Number(process.argv[1]);
if (percent > 0) require(process.argv[2]).applyHeapPolicy(percent);
const held = [];
let peak = 0;
for (let request = 0; request < 600; request++) {
  const rows = [];
  for (let i = 0; i < 20000; i++) rows.push({ pk: i, name: 'resident ' + i, gender: null });
  held.push(rows);
  if (held.length > 40) held.shift();
  if (request % 5 === 0) peak = Math.max(peak, v8.getHeapStatistics().used_heap_size);
}
process.stdout.write(String(Math.round(peak / 1048576)));
`;

function peakHeapMb(percent: number): number {
  return Number(execFileSync(process.execPath, ['-e', WORKLOAD, String(percent), POLICY], { encoding: 'utf8' }));
}

describe("the server's heap policy", () => {
  it('keeps the peak heap of a server-like load well below what V8 allows on its own', () => {
    const own = peakHeapMb(0);
    const bounded = peakHeapMb(50);
    // The live set is ≈ 40 requests' rows; V8's own factor lets promoted garbage pile up above it.
    expect(bounded).toBeLessThan(own * 0.8);
  });

  it('is read from HEAP_GROWING_PERCENT: 100 by default, 0 leaves V8 its own choice, nonsense refused', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '250' }).heapGrowingPercent).toBe(250);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: '301' })).toThrow(ConfigError);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: 'lots' })).toThrow(ConfigError);
  });
});
