import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/*
 * Posts batches of spans to an OTLP/HTTP collector as JSON. The serialization is OpenTelemetry's
 * own; the transport is Node's fetch, because the upstream HTTP exporter loads its agent through a
 * dynamic import() that the test runner's module sandbox cannot run, and a collector that is down
 * must cost a request nothing: a failed post is dropped (the batch processor logs nothing per span).
 */

/** A collector that does not answer within this long loses the batch rather than holding the flush. */
const POST_TIMEOUT_MS = 10_000;

export class OtlpJsonExporter implements SpanExporter {
  private readonly pending = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly url: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    if (this.stopped) return done({ code: ExportResultCode.FAILED, error: new Error('exporter stopped') });
    const body = JsonTraceSerializer.serializeRequest(spans);
    if (!body) return done({ code: ExportResultCode.FAILED, error: new Error('spans could not be serialized') });
    const post = fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    }).then(
      async (res) => {
        await res.arrayBuffer().catch(() => undefined);
        done(
          res.ok
            ? { code: ExportResultCode.SUCCESS }
            : { code: ExportResultCode.FAILED, error: new Error(`collector answered ${res.status}`) },
        );
      },
      (error: Error) => done({ code: ExportResultCode.FAILED, error }),
    );
    this.pending.add(post);
    void post.finally(() => this.pending.delete(post));
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    this.stopped = true;
  }
}
