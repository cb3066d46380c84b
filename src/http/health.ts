import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Metrics } from './metrics';

/** How long the readiness probe waits for `SELECT 1` before answering 503, in ms. */
export const READINESS_TIMEOUT_MS = 2000;

/** Whether the server still takes new work; cleared at the start of shutdown. */
export interface Lifecycle {
  accepting: boolean;
}

/**
 * Liveness at /health/live (200 while the process runs), readiness at /health/ready (200 when
 * the database answers `SELECT 1` within {@link READINESS_TIMEOUT_MS} and the server is not
 * shutting down; else 503 with the reason), and Prometheus metrics at /metrics.
 */
export function mountHealthAndMetrics(app: Express, ds: DataSource, metrics: Metrics, lifecycle: Lifecycle): void {
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    if (!lifecycle.accepting) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ds.query('SELECT 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), READINESS_TIMEOUT_MS))),
      ]);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });
}
