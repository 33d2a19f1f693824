import { describe, expect, it } from 'vitest';
import { buildCanonicalRequest } from '../../../../src/providers/metrics/aws/canonical-request.js';
import { sha256Hex } from '../../../../src/providers/metrics/aws/hash.js';
import {
  formatAmzDate,
  signSigV4,
  type SigV4Request,
} from '../../../../src/providers/metrics/aws/sigv4.js';

/**
 * Vectors from AWS's published Signature Version 4 test suite (aws-sig-v4-test-suite, as shipped
 * in awslabs/aws-c-auth `tests/aws-signing-test-suite/v4/<name>/`): every case signs with these
 * credentials at 2015-08-30T12:36:00Z for region us-east-1 and service "service".
 */
const SUITE_SCOPE = {
  credentials: {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  },
  region: 'us-east-1',
  service: 'service',
  now: Date.UTC(2015, 7, 30, 12, 36, 0),
};
const CREDENTIAL = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';
const STS_TOKEN =
  'AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==';

interface Vector {
  name: string;
  request: SigV4Request;
  sessionToken?: string;
  signedHeaders: string;
  signature: string;
}

const VECTORS: Vector[] = [
  {
    name: 'get-vanilla',
    request: { method: 'GET', url: 'https://example.amazonaws.com/' },
    signedHeaders: 'host;x-amz-date',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  },
  {
    name: 'get-vanilla-query-order-key-case',
    request: { method: 'GET', url: 'https://example.amazonaws.com/?Param2=value2&Param1=value1' },
    signedHeaders: 'host;x-amz-date',
    signature: 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
  },
  {
    name: 'get-vanilla-query-unreserved',
    request: {
      method: 'GET',
      url: 'https://example.amazonaws.com/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    },
    signedHeaders: 'host;x-amz-date',
    signature: '9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197',
  },
  {
    name: 'get-vanilla-utf8-query',
    request: { method: 'GET', url: 'https://example.amazonaws.com/?ሴ=bar' },
    signedHeaders: 'host;x-amz-date',
    signature: '2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04',
  },
  {
    name: 'get-utf8',
    request: { method: 'GET', url: 'https://example.amazonaws.com/ሴ' },
    signedHeaders: 'host;x-amz-date',
    signature: '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85',
  },
  {
    name: 'get-header-value-trim',
    request: {
      method: 'GET',
      url: 'https://example.amazonaws.com/',
      headers: { 'My-Header1': ' value1', 'My-Header2': ' "a   b   c"' },
    },
    signedHeaders: 'host;my-header1;my-header2;x-amz-date',
    signature: 'acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736',
  },
  {
    name: 'post-vanilla',
    request: { method: 'POST', url: 'https://example.amazonaws.com/' },
    signedHeaders: 'host;x-amz-date',
    signature: '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
  },
  {
    name: 'post-x-www-form-urlencoded',
    request: {
      method: 'POST',
      url: 'https://example.amazonaws.com/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'Param1=value1',
    },
    signedHeaders: 'content-type;host;x-amz-date',
    signature: 'ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
  },
  {
    name: 'post-sts-header-before',
    request: { method: 'POST', url: 'https://example.amazonaws.com/' },
    sessionToken: STS_TOKEN,
    signedHeaders: 'host;x-amz-date;x-amz-security-token',
    signature: '85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead',
  },
];

describe('SigV4 against the AWS test suite', () => {
  it.each(VECTORS)('$name', async ({ request, sessionToken, signedHeaders, signature }) => {
    const credentials = { ...SUITE_SCOPE.credentials, ...(sessionToken ? { sessionToken } : {}) };
    const headers = await signSigV4(request, { ...SUITE_SCOPE, credentials });
    expect(headers['authorization']).toBe(
      `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
    expect(headers['x-amz-security-token']).toBe(sessionToken);
    expect(headers).not.toHaveProperty('host');
  });

  it('builds the suite canonical request for post-x-www-form-urlencoded', async () => {
    const canonical = buildCanonicalRequest({
      method: 'POST',
      url: new URL('https://example.amazonaws.com/'),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
      },
      payloadHash: await sha256Hex('Param1=value1'),
    });
    expect(canonical.text).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/x-www-form-urlencoded',
        'host:example.amazonaws.com',
        'x-amz-date:20150830T123600Z',
        '',
        'content-type;host;x-amz-date',
        '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
      ].join('\n'),
    );
  });

  it('formats the signing time as an AWS basic ISO-8601 timestamp', () => {
    expect(formatAmzDate(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('20240102T030405Z');
  });
});
