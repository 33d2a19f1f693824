import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO, startWorld, type World } from './support.js';

const O = { owner: 'acme', repo: 'deploy' };

describe('devgithub deployments', () => {
  let w: World;
  let sha: string;
  beforeEach(async () => {
    w = await startWorld();
    sha = w.gh.commit(REPO, 'main', { files: { 'k8s/app.yaml': 'kind: Rollout\n' } });
  });
  afterEach(() => w.close());

  const deploy = (overrides: Record<string, unknown> = {}) =>
    w.api('POST', `/repos/${REPO}/deployments`, {
      ref: 'main',
      required_contexts: [],
      ...overrides,
    });

  it('creates a deployment with GitHub defaults', async () => {
    const { status, data } = await w.octokit.repos.createDeployment({
      ...O,
      ref: 'main',
      payload: { rollout: 'shop' },
      description: 'k8s/app.yaml',
      auto_merge: false,
    });
    expect(status).toBe(201);
    expect(data).toMatchObject({
      sha,
      ref: 'main',
      task: 'deploy',
      environment: 'production',
      original_environment: 'production',
      payload: { rollout: 'shop' },
      description: 'k8s/app.yaml',
      transient_environment: false,
      production_environment: true,
      creator: { login: 'dev-bot', type: 'User' },
    });
    expect(data).toHaveProperty('node_id');
    expect((data as { statuses_url: string }).statuses_url).toBe(
      `${w.gh.url}/repos/${REPO}/deployments/${(data as { id: number }).id}/statuses`,
    );
    expect(w.gh.deployments(REPO)).toHaveLength(1);
  });

  it.each([
    {
      name: 'missing ref',
      body: { ref: undefined },
      status: 422,
      message: 'Invalid request.\n\n"ref" wasn\'t supplied.',
    },
    { name: 'unknown ref', body: { ref: 'nope' }, status: 422, message: 'No ref found for: nope' },
    {
      name: 'mistyped task',
      body: { task: 5 },
      status: 422,
      message: "Invalid request.\n\nFor 'properties/task', 5 is not a string.",
    },
  ])('refuses a deployment: $name', async ({ body, status, message }) => {
    const r = await deploy(body);
    expect(r.status).toBe(status);
    expect(r.body.message).toBe(message);
    expect(r.body.status).toBe(String(status));
  });

  it('answers 409 when required_contexts is left out and a status is not success', async () => {
    await w.octokit.repos.createCommitStatus({ ...O, sha, state: 'success', context: 'ci/build' });
    await w.octokit.repos.createCommitStatus({ ...O, sha, state: 'pending', context: 'ci/e2e' });
    const r = await w.api('POST', `/repos/${REPO}/deployments`, { ref: 'main' });
    expect(r.status).toBe(409);
    expect(r.body.message).toBe('Conflict: Commit status checks failed for main.');
    expect(r.body.errors[0]).toMatchObject({
      resource: 'Deployment',
      field: 'required_contexts',
      code: 'invalid',
    });
    expect(r.body.errors[0].contexts).toEqual(
      expect.arrayContaining([
        { context: 'ci/e2e', state: 'pending' },
        { context: 'ci/build', state: 'success' },
      ]),
    );
    // Named contexts that passed, or an empty list, get through.
    expect(
      (
        await w.api('POST', `/repos/${REPO}/deployments`, {
          ref: 'main',
          required_contexts: ['ci/build'],
        })
      ).status,
    ).toBe(201);
    expect(
      (await w.api('POST', `/repos/${REPO}/deployments`, { ref: 'main', required_contexts: [] }))
        .status,
    ).toBe(201);
    expect(
      (
        await w.api('POST', `/repos/${REPO}/deployments`, {
          ref: 'main',
          required_contexts: ['ci/missing'],
        })
      ).status,
    ).toBe(409);
    await w.octokit.repos.createCommitStatus({ ...O, sha, state: 'success', context: 'ci/e2e' });
    expect((await w.api('POST', `/repos/${REPO}/deployments`, { ref: 'main' })).status).toBe(201);
  });

  it('adds statuses newest first, moving the deployment between environments on request', async () => {
    const d = (await deploy({ environment: 'staging' })).body;
    for (const state of ['queued', 'in_progress'] as const)
      await w.octokit.repos.createDeploymentStatus({
        ...O,
        deployment_id: d.id,
        state,
        log_url: 'http://ci/1',
      });
    const { data: done } = await w.octokit.repos.createDeploymentStatus({
      ...O,
      deployment_id: d.id,
      state: 'success',
      environment: 'production',
      environment_url: 'https://shop',
      description: 'Rollout healthy',
    });
    expect(done).toMatchObject({
      state: 'success',
      environment: 'production',
      environment_url: 'https://shop',
      description: 'Rollout healthy',
      creator: { login: 'dev-bot' },
    });
    const { data: list } = await w.octokit.repos.listDeploymentStatuses({
      ...O,
      deployment_id: d.id,
    });
    expect(list.map((s) => s.state)).toEqual(['success', 'in_progress', 'queued']);
    expect(list[1]).toMatchObject({ log_url: 'http://ci/1', target_url: 'http://ci/1' });
    const again = await w.octokit.repos.getDeployment({ ...O, deployment_id: d.id });
    expect(again.data).toMatchObject({
      environment: 'production',
      original_environment: 'staging',
    });
    expect(
      (await w.api('GET', `/repos/${REPO}/deployments/${d.id}/statuses/${done.id}`)).body.id,
    ).toBe(done.id);
    expect((await w.api('GET', `/repos/${REPO}/deployments/${d.id}/statuses/1`)).status).toBe(404);
  });

  it.each([
    {
      name: 'unknown state',
      body: { state: 'done' },
      field: 'state',
      message: 'state is not included in the list',
    },
    {
      name: 'long description',
      body: { state: 'success', description: 'x'.repeat(141) },
      field: 'description',
      message: 'description is too long (maximum is 140 characters)',
    },
  ])('refuses a deployment status: $name', async ({ body, field, message }) => {
    const d = (await deploy()).body;
    const r = await w.api('POST', `/repos/${REPO}/deployments/${d.id}/statuses`, body);
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'DeploymentStatus', code: 'custom', field, message }],
    });
    expect(w.gh.deploymentStatuses(REPO, d.id)).toEqual([]);
  });

  it('marks earlier successful deployments of the environment inactive on success (auto_inactive)', async () => {
    const first = (await deploy()).body;
    const transient = (await deploy({ transient_environment: true })).body;
    const staging = (await deploy({ environment: 'staging' })).body;
    for (const d of [first, transient, staging])
      await w.api('POST', `/repos/${REPO}/deployments/${d.id}/statuses`, { state: 'success' });
    const second = (await deploy()).body;
    await w.api('POST', `/repos/${REPO}/deployments/${second.id}/statuses`, { state: 'success' });
    const latest = (id: number) => w.gh.deploymentStatuses(REPO, id)[0]?.state;
    expect({
      first: latest(first.id),
      transient: latest(transient.id),
      staging: latest(staging.id),
      second: latest(second.id),
    }).toEqual({ first: 'inactive', transient: 'success', staging: 'success', second: 'success' });
    const third = (await deploy()).body;
    await w.api('POST', `/repos/${REPO}/deployments/${third.id}/statuses`, {
      state: 'success',
      auto_inactive: false,
    });
    expect(latest(second.id)).toBe('success');
  });

  it('lists deployments newest first with filters and Link pagination', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await deploy({
            environment: i % 2 ? 'staging' : 'production',
            task: i === 4 ? 'deploy:migrate' : 'deploy',
          })
        ).body.id,
      );
    const page = await w.api('GET', `/repos/${REPO}/deployments?per_page=2`);
    expect(page.body.map((d: { id: number }) => d.id)).toEqual([ids[4], ids[3]]);
    expect(page.headers.get('link')).toContain('rel="next"');
    expect(page.headers.get('link')).toContain('per_page=2&page=3>; rel="last"');
    const all = await w.octokit.paginate(w.octokit.repos.listDeployments, { ...O, per_page: 2 });
    expect(all.map((d) => d.id)).toEqual([...ids].reverse());
    expect(
      (await w.octokit.repos.listDeployments({ ...O, environment: 'staging' })).data.map(
        (d) => d.id,
      ),
    ).toEqual([ids[3], ids[1]]);
    expect(
      (await w.octokit.repos.listDeployments({ ...O, task: 'deploy:migrate' })).data,
    ).toHaveLength(1);
    expect((await w.octokit.repos.listDeployments({ ...O, sha })).data).toHaveLength(5);
  });

  it('deletes only inactive deployments, unless it is the only one', async () => {
    const only = (await deploy()).body;
    expect((await w.api('DELETE', `/repos/${REPO}/deployments/${only.id}`)).status).toBe(204);
    const a = (await deploy()).body;
    await deploy();
    const refused = await w.api('DELETE', `/repos/${REPO}/deployments/${a.id}`);
    expect(refused.status).toBe(422);
    await w.octokit.repos.createDeploymentStatus({ ...O, deployment_id: a.id, state: 'inactive' });
    await w.octokit.repos.deleteDeployment({ ...O, deployment_id: a.id });
    await expect(
      w.octokit.repos.getDeployment({ ...O, deployment_id: a.id }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
