import { setFlagsFromString } from 'node:v8';

/*
 * How far V8 lets the old generation grow past what survived the last full collection before it
 * collects again. V8 picks the factor from the heap's maximum, which it takes from the machine's
 * memory: on a server with gigabytes to spare it allows up to 4×. A GraphQL request's result tree
 * (a compound's 800 persons: ≈ 5 MB allocated) outlives a scavenge while its statements run, so under
 * load each request's garbage is promoted, and at 4× the server held ≈ 460 MB at its peak for
 * ≈ 190 MB after start (bench/RESULTS.md, "the heap's growing factor"). A fixed, smaller factor
 * collects that garbage sooner, on the helper threads V8 marks with.
 *
 * V8 reads the flag at every full collection, so setting it once the process runs takes effect
 * from the next one. 0 leaves V8's own choice.
 */
export function applyHeapPolicy(growingPercent: number): void {
  if (growingPercent > 0) setFlagsFromString(`--heap-growing-percent=${growingPercent}`);
}
