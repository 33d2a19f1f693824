import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

// Two projects: plain Node for nearly everything (core, devcluster, HTTP via app.request),
// and a few focused smoke tests inside workerd (memory-heavy, so kept small).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/workers/**'],
          environment: 'node',
          // Only loopback: a test that reaches further fails (test/support/no-network.ts).
          setupFiles: ['test/support/no-network.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // Test-only bindings (secrets in production); the Kubernetes API is stubbed in the tests.
            miniflare: {
              bindings: {
                KUBE_SERVER: 'https://kube.test',
                KUBE_TOKEN: 'test-token',
                HOOK_SECRET: 'test-hook-secret',
                // A provider setting: Prometheus metrics without an address measure here (runtime.test.ts).
                ARGO_ROLLOUTS_PROMETHEUS_ADDRESS: 'https://prometheus.test',
                GITOPS_CONFIG: JSON.stringify({
                  cluster: 'workerd',
                  sources: [
                    { name: 'deploy', repo: 'acme/deploy', path: 'k8s', namespace: 'shop' },
                  ],
                }),
                GITHUB_API_URL: 'https://github.test',
                GITHUB_TOKEN: 'test-github-token',
                GITHUB_WEBHOOK_SECRET: 'test-github-secret',
              },
            },
          }),
        ],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          // Devclusters and the GitHub emulator in Node for fleet-release.test.ts (loopback only).
          globalSetup: ['test/workers/fleet-clusters.setup.ts'],
        },
      },
    ],
  },
});
