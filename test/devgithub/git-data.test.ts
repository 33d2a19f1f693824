import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitSha, REPO, startWorld, type World } from './support.js';

/** A tree object as git writes it: `<mode> <name>\0<20-byte sha>` per entry, in git's order. */
function treeBody(entries: { mode: string; name: string; sha: string }[]): Buffer {
  return Buffer.concat(
    entries.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`), Buffer.from(e.sha, 'hex')]),
  );
}

describe('devgithub git data', () => {
  let w: World;
  const NOW = Date.parse('2026-01-01T00:00:00Z');
  beforeEach(async () => {
    w = await startWorld({ now: () => NOW });
  });
  afterEach(() => w.close());

  it('gives blobs, trees and commits the ids git would', async () => {
    const sha = w.gh.commit(REPO, 'main', {
      files: { 'README.md': 'hello\n', 'k8s/app.yaml': 'kind: Rollout\n', 'k8s-notes': 'x' },
      message: 'init',
      author: 'Jane <jane@example.com>',
    });
    const readme = gitSha('blob', 'hello\n');
    const app = gitSha('blob', 'kind: Rollout\n');
    const notes = gitSha('blob', 'x');
    const k8s = gitSha('tree', treeBody([{ mode: '100644', name: 'app.yaml', sha: app }]));
    // git sorts a tree as if its name ended in "/": "k8s-notes" ('-' < '/') comes before "k8s".
    const root = gitSha(
      'tree',
      treeBody([
        { mode: '100644', name: 'README.md', sha: readme },
        { mode: '100644', name: 'k8s-notes', sha: notes },
        { mode: '40000', name: 'k8s', sha: k8s },
      ]),
    );
    const sig = `Jane <jane@example.com> ${NOW / 1000} +0000`;
    expect(sha).toBe(gitSha('commit', `tree ${root}\nauthor ${sig}\ncommitter ${sig}\n\ninit\n`));

    const tree = await w.api('GET', `/repos/${REPO}/git/trees/${sha}?recursive=1`);
    expect(tree.status).toBe(200);
    expect(tree.body.sha).toBe(root);
    expect(tree.body.truncated).toBe(false);
    expect(
      tree.body.tree.map((e: { path: string; type: string; sha: string; mode: string }) => [
        e.path,
        e.type,
        e.mode,
        e.sha,
      ]),
    ).toEqual([
      ['README.md', 'blob', '100644', readme],
      ['k8s-notes', 'blob', '100644', notes],
      ['k8s', 'tree', '040000', k8s],
      ['k8s/app.yaml', 'blob', '100644', app],
    ]);
    expect(tree.body.tree[0].size).toBe(6);
    expect(tree.body.tree[2]).not.toHaveProperty('size');
  });

  it('gives identical content identical blob ids across commits and repositories', async () => {
    w.gh.createRepo('other/repo');
    w.gh.commit(REPO, 'main', { files: { 'a.txt': 'same' } });
    w.gh.commit('other/repo', 'main', { files: { 'deep/b.txt': 'same' } });
    const a = await w.octokit.git.getTree({
      owner: 'acme',
      repo: 'deploy',
      tree_sha: 'main',
      recursive: '1',
    });
    const b = await w.octokit.git.getTree({
      owner: 'other',
      repo: 'repo',
      tree_sha: 'main',
      recursive: '1',
    });
    expect(a.data.tree[0]?.sha).toBe(gitSha('blob', 'same'));
    expect(b.data.tree.find((e) => e.path === 'deep/b.txt')?.sha).toBe(gitSha('blob', 'same'));
  });

  it('lists only the top level without recursive, and accepts a tree sha, commit sha or branch', async () => {
    const sha = w.gh.commit(REPO, 'main', { files: { 'k8s/a.yaml': 'a', 'k8s/b.yaml': 'b' } });
    const top = await w.api('GET', `/repos/${REPO}/git/trees/main`);
    expect(top.body.tree.map((e: { path: string }) => e.path)).toEqual(['k8s']);
    const sub = await w.api('GET', `/repos/${REPO}/git/trees/${top.body.tree[0].sha}`);
    expect(sub.body.tree.map((e: { path: string }) => e.path)).toEqual(['a.yaml', 'b.yaml']);
    expect(
      (await w.api('GET', `/repos/${REPO}/git/trees/${sha}?recursive=false`)).body.tree,
    ).toHaveLength(3);
    expect((await w.api('GET', `/repos/${REPO}/git/trees/${'f'.repeat(40)}`)).status).toBe(404);
  });

  it('round-trips blobs as base64 with a newline every 60 characters, and raw bytes on request', async () => {
    const content = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));
    w.gh.commit(REPO, 'main', { files: { 'bin/data': content } });
    const sha = gitSha('blob', content);
    const { data } = await w.octokit.git.getBlob({ owner: 'acme', repo: 'deploy', file_sha: sha });
    expect(data).toMatchObject({ sha, size: 300, encoding: 'base64' });
    const lines = data.content.split('\n');
    expect(lines.slice(0, -2).every((l) => l.length === 60)).toBe(true);
    expect(data.content.endsWith('\n')).toBe(true);
    expect(Buffer.from(data.content, 'base64').equals(content)).toBe(true);
    const raw = await fetch(`${w.gh.url}/repos/${REPO}/git/blobs/${sha}`, {
      headers: { accept: 'application/vnd.github.raw', authorization: 'token dev-token' },
    });
    expect(Buffer.from(await raw.arrayBuffer()).equals(content)).toBe(true);
    expect((await w.api('GET', `/repos/${REPO}/git/blobs/${'0'.repeat(40)}`)).status).toBe(404);
  });

  it('serves contents: a file with its content, a directory as a list, big files without content', async () => {
    const big = 'x'.repeat(1024 * 1024 + 1);
    w.gh.commit(REPO, 'main', {
      files: { 'k8s/app.yaml': 'kind: Rollout\n', 'k8s/big.txt': big, 'k8s/nested/x': '1' },
    });
    const file = await w.octokit.repos.getContent({
      owner: 'acme',
      repo: 'deploy',
      path: 'k8s/app.yaml',
    });
    expect(file.data).toMatchObject({
      type: 'file',
      encoding: 'base64',
      name: 'app.yaml',
      path: 'k8s/app.yaml',
      size: 14,
      sha: gitSha('blob', 'kind: Rollout\n'),
    });
    expect(Buffer.from((file.data as { content: string }).content, 'base64').toString()).toBe(
      'kind: Rollout\n',
    );
    const dir = await w.api('GET', `/repos/${REPO}/contents/k8s?ref=main`);
    expect(dir.body.map((e: { name: string; type: string }) => `${e.type}:${e.name}`)).toEqual([
      'file:app.yaml',
      'file:big.txt',
      'dir:nested',
    ]);
    expect(dir.body[0]).not.toHaveProperty('content');
    const bigFile = await w.api('GET', `/repos/${REPO}/contents/k8s/big.txt`);
    expect(bigFile.body).toMatchObject({ content: '', encoding: 'none', size: big.length });
    const root = await w.api('GET', `/repos/${REPO}/contents/`);
    expect(root.body.map((e: { path: string }) => e.path)).toEqual(['k8s']);
    expect((await w.api('GET', `/repos/${REPO}/contents/nope.yaml`)).status).toBe(404);
    expect((await w.api('GET', `/repos/${REPO}/contents/k8s?ref=nope`)).body.message).toBe(
      'No commit found for the ref nope',
    );
  });

  it('says an empty repository is empty, and an unknown branch is not found', async () => {
    expect((await w.api('GET', `/repos/${REPO}/contents/`)).body.message).toBe(
      'This repository is empty.',
    );
    const branch = await w.api('GET', `/repos/${REPO}/branches/main`);
    expect(branch.status).toBe(404);
    expect(branch.body).toEqual({
      message: 'Branch not found',
      documentation_url: 'https://docs.github.com/rest/branches/branches#get-a-branch',
      status: '404',
    });
  });

  it('answers branches and refs, including names with slashes', async () => {
    const sha = w.gh.commit(REPO, 'feature/canary', { files: { a: '1' } });
    const { data } = await w.octokit.repos.getBranch({
      owner: 'acme',
      repo: 'deploy',
      branch: 'feature/canary',
    });
    expect(data.name).toBe('feature/canary');
    expect(data.commit.sha).toBe(sha);
    const ref = await w.octokit.git.getRef({
      owner: 'acme',
      repo: 'deploy',
      ref: 'heads/feature/canary',
    });
    expect(ref.data).toMatchObject({
      ref: 'refs/heads/feature/canary',
      object: { sha, type: 'commit' },
    });
    expect(
      (await w.api('GET', `/repos/${REPO}/git/refs/heads/feature/canary`)).body.object.sha,
    ).toBe(sha);
    expect((await w.api('GET', `/repos/${REPO}/git/refs/heads`)).body).toHaveLength(1);
    expect((await w.api('GET', `/repos/${REPO}/git/ref/heads/nope`)).status).toBe(404);
  });

  it('shows a commit with its changed files, by sha, short sha or branch', async () => {
    w.gh.commit(REPO, 'main', { files: { 'a.yaml': 'a\n', 'b.yaml': 'b\n' } });
    const second = w.gh.commit(REPO, 'main', {
      files: { 'a.yaml': 'a\nmore\n', 'c.yaml': 'c\n' },
      remove: ['b.yaml'],
      message: 'second',
    });
    for (const ref of [second, second.slice(0, 7), 'main']) {
      const { data } = await w.octokit.repos.getCommit({ owner: 'acme', repo: 'deploy', ref });
      expect(data.sha).toBe(second);
      expect(data.commit.message).toBe('second');
      expect(data.files?.map((f) => [f.filename, f.status, f.additions, f.deletions])).toEqual([
        ['a.yaml', 'modified', 1, 0],
        ['b.yaml', 'removed', 0, 1],
        ['c.yaml', 'added', 1, 0],
      ]);
      expect(data.stats).toEqual({ total: 3, additions: 2, deletions: 1 });
    }
    const unknown = await w.api('GET', `/repos/${REPO}/commits/${'a'.repeat(40)}`);
    expect(unknown.status).toBe(422);
    expect(unknown.body.message).toBe(`No commit found for SHA: ${'a'.repeat(40)}`);
    const git = await w.octokit.git.getCommit({
      owner: 'acme',
      repo: 'deploy',
      commit_sha: second,
    });
    expect(git.data.parents).toHaveLength(1);
    expect(git.data.message).toBe('second');
  });

  it.each([
    { name: 'identical', base: 'main', head: 'main', status: 'identical', ahead: 0, behind: 0 },
    { name: 'ahead', base: 'main', head: 'feature', status: 'ahead', ahead: 2, behind: 0 },
    { name: 'behind', base: 'feature', head: 'main', status: 'behind', ahead: 0, behind: 2 },
  ])('compares two refs ($name)', async ({ base, head, status, ahead, behind }) => {
    const root = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    w.gh.commit(REPO, 'feature', { files: { b: '2' }, from: 'main' });
    w.gh.commit(REPO, 'feature', { files: { c: '3' } });
    const { data } = await w.octokit.repos.compareCommitsWithBasehead({
      owner: 'acme',
      repo: 'deploy',
      basehead: `${base}...${head}`,
    });
    expect({
      status: data.status,
      ahead: data.ahead_by,
      behind: data.behind_by,
      base: data.merge_base_commit.sha,
    }).toEqual({ status, ahead, behind, base: root });
  });

  it('reports diverged branches and their merge base', async () => {
    const root = w.gh.commit(REPO, 'main', { files: { a: '1' } });
    w.gh.commit(REPO, 'feature', { files: { b: '2' }, from: 'main' });
    w.gh.commit(REPO, 'main', { files: { c: '3' } });
    const r = await w.api('GET', `/repos/${REPO}/compare/main...feature`);
    expect(r.body).toMatchObject({
      status: 'diverged',
      ahead_by: 1,
      behind_by: 1,
      total_commits: 1,
      merge_base_commit: { sha: root },
    });
    expect(r.body.files.map((f: { filename: string }) => f.filename)).toEqual(['b']);
    w.gh.commit(REPO, 'orphan', { files: { z: '0' } });
    expect((await w.api('GET', `/repos/${REPO}/compare/main...orphan`)).body.message).toBe(
      'No common ancestor between main and orphan.',
    );
  });
});
