'use strict';
/*
 * Bytes a server allocates per request, for q6-ab: `SERVER_NODE_ARGS="-r ./bench/alloc-probe.cjs"`.
 * Counts HTTP requests; after ALLOC_SKIP of them (default 22: q6-ab's readiness probe, the compared
 * answer and 20 warm-ups) starts V8's sampling heap profiler (4 KiB, objects already collected by
 * minor and major GC included, so the sum is what was allocated, not what survived) and on SIGTERM
 * prints `alloc-probe: <MB per request> MB over <n> requests` to stderr. Sampling: ± a few percent.
 */
const http = require('node:http');
const inspector = require('node:inspector');

const skip = Number(process.env.ALLOC_SKIP ?? 22);
const session = new inspector.Session();
session.connect();
let seen = 0;
let sampling = false;

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'request') {
    seen++;
    if (seen === skip + 1 && !sampling) {
      sampling = true;
      session.post('HeapProfiler.startSampling', {
        samplingInterval: 4096,
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
    }
  }
  return emit.call(this, event, ...args);
};

process.prependListener('SIGTERM', () => {
  if (!sampling) return;
  session.post('HeapProfiler.stopSampling', (err, result) => {
    if (err) return;
    let bytes = 0;
    for (const sample of result.profile.samples) bytes += sample.size;
    const requests = seen - skip;
    // ALLOC_PROFILE=<file>: also writes the sampled profile (a .heapprofile DevTools opens).
    if (process.env.ALLOC_PROFILE)
      require('node:fs').writeFileSync(`${process.env.ALLOC_PROFILE}.${process.pid}.heapprofile`, JSON.stringify(result.profile));
    process.stderr.write(`alloc-probe: ${(bytes / requests / 1e6).toFixed(2)} MB over ${requests} requests (pid ${process.pid})\n`);
  });
});
