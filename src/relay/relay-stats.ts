/** What the relay counts, for its /metrics endpoint and tests. */
export class RelayStats {
  eventsSeen = 0;
  eventsDelivered = 0;
  deliveriesFailed = 0;
  relists = 0;
  watchErrors = 0;
  queueDepth = 0;
  lastDeliveryAt = 0;

  /** Prometheus text exposition. */
  render(): string {
    const line = (name: string, help: string, type: 'counter' | 'gauge', value: number) =>
      `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}\n`;
    return [
      line(
        'relay_events_seen_total',
        'Watch events received from the Kubernetes API.',
        'counter',
        this.eventsSeen,
      ),
      line(
        'relay_events_delivered_total',
        'Events the hook accepted.',
        'counter',
        this.eventsDelivered,
      ),
      line(
        'relay_deliveries_failed_total',
        'Deliveries the hook refused or that failed (retried when retryable).',
        'counter',
        this.deliveriesFailed,
      ),
      line(
        'relay_relists_total',
        'Re-lists after a watch resourceVersion expired (410).',
        'counter',
        this.relists,
      ),
      line(
        'relay_watch_errors_total',
        'Watch connections that failed and were retried.',
        'counter',
        this.watchErrors,
      ),
      line('relay_queue_depth', 'Events waiting for delivery.', 'gauge', this.queueDepth),
    ].join('');
  }
}
