import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config';
import { ok, startTestApp } from '../support/test-app';

/*
 * With OTEL_EXPORTER_OTLP_ENDPOINT set, each request reaches the collector as a server span with a
 * client span per SQL statement under it, continuing the caller's trace. The collector here is a
 * real HTTP server on loopback that keeps what the exporter posts (OTLP/HTTP JSON).
 */

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  arrayValue?: { values: OtlpValue[] };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: OtlpValue }>;
}
interface OtlpExport {
  resourceSpans: Array<{
    resource: { attributes: Array<{ key: string; value: OtlpValue }> };
    scopeSpans: Array<{ spans: OtlpSpan[] }>;
  }>;
}

const attr = (span: OtlpSpan, key: string) => span.attributes.find((a) => a.key === key)?.value;

describe('OpenTelemetry traces', () => {
  it('exports a span per request and per statement, continuing the caller’s trace, with no values', async () => {
    const exports: OtlpExport[] = [];
    const paths: string[] = [];
    const collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        paths.push(req.url ?? '');
        exports.push(JSON.parse(body) as OtlpExport);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const port = (collector.address() as AddressInfo).port;
    const app = await startTestApp({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_SERVICE_NAME: 'lianxin-under-test' },
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const secret = '新苑小区-a-value-that-must-not-leave';
    try {
      const res = await app.request<{ communities: { nodes: Array<{ name: string }> } }, { q: string }>(
        'query Communities($q: String!) { communities(first: 5) { nodes { name } } t: __type(name: $q) { name } }',
        { q: secret },
        { as: 'platform.admin', headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` } },
      );
      expect(ok(res).communities.nodes.length).toBeGreaterThan(0);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => collector.close(() => resolve()));
    }

    expect(paths.every((p) => p === '/v1/traces')).toBe(true);
    const resource = exports[0].resourceSpans[0].resource.attributes.find((a) => a.key === 'service.name');
    expect(resource?.value.stringValue).toBe('lianxin-under-test');
    const spans = exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
    const request = spans.find((s) => s.name === 'query Communities');
    expect(request).toBeDefined();
    // The caller's trace continues: same trace id, the caller's span as parent.
    expect(request!.traceId).toBe(traceId);
    expect(request!.parentSpanId).toBe('00f067aa0ba902b7');
    expect(attr(request!, 'graphql.operation.name')?.stringValue).toBe('Communities');
    expect(attr(request!, 'http.route')?.stringValue).toBe('/graphql');
    expect(Number(attr(request!, 'http.response.status_code')?.intValue)).toBe(200);
    const statements = spans.filter((s) => s.parentSpanId === request!.spanId);
    expect(statements.length).toBe(Number(attr(request!, 'lianxin.statements')?.intValue));
    expect(statements.length).toBeGreaterThanOrEqual(2);
    expect(statements.every((s) => s.name === 'pg.query' && attr(s, 'db.system.name')?.stringValue === 'postgresql')).toBe(true);
    expect(statements.some((s) => /from community/i.test(attr(s, 'db.query.text')?.stringValue ?? ''))).toBe(true);
    // Variables and bound values never reach the collector.
    expect(JSON.stringify(exports)).not.toContain(secret);
  });

  it('is off without an endpoint and refuses an endpoint that is not http(s)', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).tracing).toBeUndefined();
    expect(loadConfig({ NODE_ENV: 'test', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/custom' }).tracing).toEqual({
      url: 'http://collector:4318/custom',
      serviceName: 'lianxin',
    });
    expect(() => loadConfig({ NODE_ENV: 'test', OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(/http\(s\) URL/);
  });
});
