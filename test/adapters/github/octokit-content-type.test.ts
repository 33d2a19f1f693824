import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anOctokit } from '../../devgithub/support.js';

/**
 * `npm install` warns `EBADENGINE content-type@3.1.1 requires node >=22`: `@octokit/request` uses
 * that package to read the Content-Type of every GitHub response. Its `engines` field is stricter
 * than its code, which needs nothing past Node 20; these pin the path on the Node we run, so the
 * warning stays harmless (README, Quickstart) or this fails first.
 */
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url?.startsWith('/json')) {
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end('{"login":"alice","id":7}');
    } else if (req.url?.startsWith('/text')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset="utf-8"' }).end('plain words');
    } else {
      res
        .writeHead(422, { 'content-type': 'application/vnd.github+json; charset=utf-8' })
        .end('{"message":"Validation Failed","errors":[{"code":"invalid"}]}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe(`octokit's response parsing on Node ${process.versions.node}`, () => {
  const octokit = () => anOctokit(baseUrl);

  it('reads a JSON body whose Content-Type has parameters as an object', async () => {
    const res = await octokit().request('GET /json');
    expect(res.data).toEqual({ login: 'alice', id: 7 });
  });

  it('reads a text body as a string', async () => {
    const res = await octokit().request('GET /text');
    expect(res.data).toBe('plain words');
  });

  it("turns a vendor JSON error into GitHub's message and status", async () => {
    const err = (await octokit()
      .request('POST /fail')
      .catch((e: unknown) => e)) as { status?: number; message?: string };
    expect(err.status).toBe(422);
    expect(err.message).toContain('Validation Failed');
  });
});
