import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GitHubError } from '../../../src/adapters/github/github-error.js';
import { octokitApi } from '../../../src/adapters/github/github-client.js';
import { anOctokit } from '../../devgithub/support.js';

/**
 * GitHub (or something posing as it at GITHUB_API_URL) answering 200 with a body that lacks what the
 * API promises is an unexpected answer, not "no answer": the error says which, and still retries.
 */
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (/\/git\/ref\/heads(\/|%2F)main$/i.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ref":"refs/heads/main"}');
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const api = () => octokitApi({ octokit: anOctokit(baseUrl) });

it('names a 200 without object.sha an unexpected answer', async () => {
  const err = await api()
    .branchHead({ owner: 'acme', repo: 'deploy' }, 'main')
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GitHubError);
  expect((err as GitHubError).message).toMatch(
    /^GET ref heads\/main of acme\/deploy: unexpected answer: /,
  );
  expect((err as GitHubError).retryable).toBe(true);
});

it('still reads a missing branch as absent', async () => {
  await expect(
    api().branchHead({ owner: 'acme', repo: 'deploy' }, 'gone'),
  ).resolves.toBeUndefined();
});
