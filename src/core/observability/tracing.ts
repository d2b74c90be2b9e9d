import type { IncomingHttpHeaders } from 'node:http';
import {
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TracingConfig } from '../../config';
import { principalLabel, type FinishedRequest, type RequestOutcome } from './access-log';
import { OtlpJsonExporter } from './otlp-exporter';

/*
 * OpenTelemetry traces, when OTEL_EXPORTER_OTLP_ENDPOINT is set: one server span per request (the
 * access-log line's fields as attributes) with a client span per SQL statement under it, exported
 * over OTLP/HTTP. The span context is passed by hand (the request's statement tally carries it)
 * rather than through a global context manager: its AsyncLocalStorage would tax every promise of
 * every request (see statement-counter.ts). An incoming `traceparent` header continues the caller's
 * trace. Attributes carry ids, operation names, codes and SQL text with its `$n` placeholders:
 * never variables, bound values or answers.
 */

/** Long statements are cut: the shape of a query is what a trace needs. */
const MAX_STATEMENT_CHARS = 2_000;

export class RequestTrace {
  constructor(
    private readonly tracer: Tracer,
    private readonly span: Span,
    private readonly context: Context,
  ) {}

  /** Starts a statement's span; call the result when it has answered (with the error if it failed). */
  statement(text: string): (error?: unknown) => void {
    const span = this.tracer.startSpan(
      'pg.query',
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.system.name': 'postgresql', 'db.query.text': text.slice(0, MAX_STATEMENT_CHARS) },
      },
      this.context,
    );
    return (error?: unknown) => {
      if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as { code?: string }).code ?? 'error' });
      span.end();
    };
  }

  finish(outcome: RequestOutcome, finished: FinishedRequest): void {
    const span = this.span;
    const name = outcome.operationName ?? outcome.operationType;
    span.updateName(name ? `${outcome.operationType ?? 'graphql'} ${outcome.operationName ?? ''}`.trim() : finished.route);
    span.setAttributes({
      'http.response.status_code': finished.status,
      'lianxin.request_id': outcome.requestId ?? '',
      'lianxin.principal': principalLabel(outcome.principal),
      'lianxin.statements': finished.statements,
      ...(outcome.operationName ? { 'graphql.operation.name': outcome.operationName } : {}),
      ...(outcome.operationType ? { 'graphql.operation.type': outcome.operationType } : {}),
      ...(outcome.cost !== undefined ? { 'lianxin.cost': outcome.cost } : {}),
      ...(outcome.errorCodes.length ? { 'lianxin.error_codes': outcome.errorCodes } : {}),
      ...(outcome.userErrorCodes.length ? { 'lianxin.user_error_codes': outcome.userErrorCodes } : {}),
      ...(outcome.throttledBy ? { 'lianxin.throttled_by': outcome.throttledBy } : {}),
    });
    if (finished.status >= 500 || outcome.errorCodes.includes('INTERNAL_SERVER_ERROR') || outcome.timedOut)
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome.timedOut ? 'TIMEOUT' : 'INTERNAL_SERVER_ERROR' });
    span.end();
  }
}

export class Tracing {
  private readonly tracer: Tracer;
  private readonly propagator = new W3CTraceContextPropagator();

  private constructor(private readonly provider: BasicTracerProvider) {
    this.tracer = provider.getTracer('lianxin');
  }

  /** The tracing of a deployment, or undefined when no OTLP endpoint is configured. */
  static create(config: TracingConfig | undefined): Tracing | undefined {
    if (!config) return undefined;
    const exporter = new OtlpJsonExporter(config.url);
    return new Tracing(
      new BasicTracerProvider({
        resource: resourceFromAttributes({ 'service.name': config.serviceName }),
        spanProcessors: [new BatchSpanProcessor(exporter)],
      }),
    );
  }

  startRequest(method: string, route: string, headers: IncomingHttpHeaders): RequestTrace {
    const parent = this.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const span = this.tracer.startSpan(
      route,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } },
      parent,
    );
    return new RequestTrace(this.tracer, span, trace.setSpan(parent, span));
  }

  /** Sends what is buffered and stops. */
  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}
