import { isHttpUrl } from '../shared/http.js';
import { fail, ok, type Step } from '../shared/outcome.js';
import type { AwsCredentials } from '../aws/sigv4.js';

export interface AwsTarget {
  credentials: AwsCredentials;
  region: string;
  /** `https://monitoring.<region>.amazonaws.com`, or an override (VPC endpoint, LocalStack). */
  endpoint: string;
}

/**
 * AWS access from controller settings, named as the AWS SDKs name their environment:
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optional `AWS_SESSION_TOKEN`, `AWS_REGION`
 * (or `AWS_DEFAULT_REGION`), optional `AWS_ENDPOINT_URL_CLOUDWATCH` / `AWS_ENDPOINT_URL`.
 */
export function readAwsTarget(settings: Record<string, string> = {}): Step<AwsTarget> {
  const accessKeyId = settings['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = settings['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey)
    return fail('AWS credentials not configured: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
  const region = settings['AWS_REGION'] || settings['AWS_DEFAULT_REGION'];
  if (!region) return fail('AWS region not configured: set AWS_REGION');
  const override = settings['AWS_ENDPOINT_URL_CLOUDWATCH'] || settings['AWS_ENDPOINT_URL'];
  if (override && !isHttpUrl(override))
    return fail(`CloudWatch endpoint ${JSON.stringify(override)} is not an http(s) URL`);
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  const sessionToken = settings['AWS_SESSION_TOKEN'];
  return ok({
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    region,
    endpoint: override || `https://monitoring.${region}.${domain}`,
  });
}
