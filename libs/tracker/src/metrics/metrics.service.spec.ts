// Specifies the metrics service: the series other parts update appear in the Prometheus text.
import { MetricsService } from './metrics.service';

describe('MetricsService', () => {
  it('renders request, append and projection-lag series', async () => {
    const metrics = new MetricsService({ defaultMetrics: false });
    metrics.observeHttpRequest('/plans/:id', 'GET', 200, 0.004);
    metrics.recordEventsAppended(3);
    metrics.setProjectionLag('audit-trail', { events: 7, seconds: 1.5 });
    const text = await metrics.render();
    expect(text).toContain('ogp_http_requests_total{route="/plans/:id",method="GET",status="200"} 1');
    expect(text).toContain('ogp_events_appended_total 3');
    expect(text).toContain('ogp_projection_lag_events{projection="audit-trail"} 7');
    expect(text).toContain('ogp_projection_lag_seconds{projection="audit-trail"} 1.5');
  });

  it('keeps two instances apart', async () => {
    const a = new MetricsService({ defaultMetrics: false });
    const b = new MetricsService({ defaultMetrics: false });
    a.recordEventsAppended(1);
    expect(await b.render()).toContain('ogp_events_appended_total 0');
  });
});
