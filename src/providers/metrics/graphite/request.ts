import type { Metric } from '../../../domain/analysis.js';
import { ConfigReader } from '../shared/config.js';
import { isHttpUrl, joinUrlPath } from '../shared/http.js';
import { fail, ok, type Step } from '../shared/outcome.js';

/**
 * The Graphite render API URL for `metric.provider.graphite` (spec §2.7). As upstream, `query` is a
 * render query string (`target=…&from=-5min`); runs of whitespace (multi-line YAML) collapse to
 * one space, `format=json` is added and parameters are sorted by name as Go's `Values.Encode` does.
 */
export function buildGraphiteRenderUrl(metric: Metric): Step<string> {
  const opened = ConfigReader.forMetric(metric, 'graphite');
  if (!opened.ok) return opened;
  const r = opened.value;
  const address = r.string('address', true) ?? '';
  if (address && !isHttpUrl(address))
    r.problem('address', `${JSON.stringify(address)} is not an http(s) URL`);
  const query = r.string('query', true) ?? '';
  const config = r.finish('graphite', { address, query });
  if (!config.ok) return config;

  const params = new URLSearchParams(query.replace(/\s+/g, ' '));
  if (!params.has('target'))
    return fail(
      `graphite query must be a render query string with a target, as in "target=sumSeries(app.*.count)&from=-5min"; got ${JSON.stringify(query)}`,
    );
  params.set('format', 'json');
  params.sort();
  return ok(`${joinUrlPath(address, 'render')}?${params.toString()}`);
}
