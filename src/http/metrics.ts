/**
 * Prometheus metrics (prom-client), served at /metrics:
 * - landports_graphql_requests_total{operation,outcome}: GraphQL operations by name and outcome
 *   (`ok` or the first error code);
 * - landports_graphql_request_duration_seconds{operation,outcome}: their latency;
 * - landports_http_responses_total{status}: every HTTP response of /graphql, including those refused
 *   before Apollo (bad JSON, oversized bodies, batches);
 * - landports_db_pool_connections{state}: the pg pool (total, idle, waiting, max);
 * - the default process metrics (memory, CPU, event loop lag, GC), prefixed landports_.
 * Each server has its own registry, so several servers in one process (tests) do not clash.
 */
import type { DataSource } from 'typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { poolStats } from '../db/data-source';

/** Distinct operation names kept as labels; later names are counted as `other` (bounded cardinality). */
export const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The metrics of one server. */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'outcome'>;
  private readonly http: Counter<'status'>;
  private readonly executions: Counter<'executor'>;
  private readonly seen = new Set<string>();

  /**
   * @param ds the DataSource whose pool is reported (null: none)
   * @param portCacheServing whether the port table is now served from memory; null when no cache is configured (the gauge is then not registered)
   */
  constructor(ds: DataSource | null, portCacheServing: (() => boolean) | null = null) {
    collectDefaultMetrics({ register: this.registry, prefix: 'landports_' });
    this.requests = new Counter({ name: 'landports_graphql_requests_total', help: 'GraphQL operations by operation name and outcome (ok or the first error code).', labelNames: ['operation', 'outcome'], registers: [this.registry] });
    this.duration = new Histogram({
      name: 'landports_graphql_request_duration_seconds', help: 'GraphQL operation latency in seconds, by operation name and outcome.',
      labelNames: ['operation', 'outcome'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [this.registry],
    });
    this.executions = new Counter({
      name: 'landports_graphql_executions_total', help: 'Executed GraphQL operations by executor: compiled (graphql-jit) or interpreted (graphql-js; an operation\'s first execution).',
      labelNames: ['executor'], registers: [this.registry],
    });
    this.http = new Counter({ name: 'landports_http_responses_total', help: 'HTTP responses of /graphql by status code.', labelNames: ['status'], registers: [this.registry] });
    new Gauge({
      name: 'landports_db_pool_connections', help: 'pg pool connections: total, idle, waiting (requests queued for a connection) and max.',
      labelNames: ['state'], registers: [this.registry],
      collect() {
        const s = ds ? poolStats(ds) : null;
        if (!s) return;
        for (const [state, n] of Object.entries(s)) this.set({ state }, n);
      },
    });
    if (portCacheServing) {
      new Gauge({
        name: 'landports_port_cache_serving', help: '1 while the port table is served from memory (its change feed is live), 0 while every lookup reads it (src/subjects/reference.cache.ts).',
        registers: [this.registry],
        collect() {
          this.set(portCacheServing() ? 1 : 0);
        },
      });
    }
  }

  /** A bounded label for an operation name: the name, `anonymous`, or `other`. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= MAX_OPERATION_LABELS) return 'other';
    this.seen.add(name);
    return name;
  }

  /** Records one GraphQL operation. */
  observeOperation(name: string | null | undefined, outcome: string, seconds: number): void {
    const labels = { operation: this.operationLabel(name), outcome };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  /** Records one execution of an operation (src/http/jit-executor.ts). */
  observeExecution(executor: 'compiled' | 'interpreted'): void {
    this.executions.inc({ executor });
  }

  /** Records one HTTP response of /graphql. */
  observeHttp(status: number): void {
    this.http.inc({ status: String(status) });
  }
}
