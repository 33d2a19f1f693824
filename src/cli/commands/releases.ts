import { loadRelease } from '../../controller/fleet/release-store.js';
import { loadReleases, RELEASES_RESOURCE_NAME } from '../../controller/load-releases.js';
import {
  buildReleaseHistory,
  DEFAULT_FIGURES_WINDOW_MS,
  DEFAULT_RELEASE_LIMIT,
} from '../../core/fleet/release-summary.js';
import type { Release } from '../../domain/fleet.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, outputFormat, required } from '../command-context.js';
import { renderDeliveryFigures, renderReleaseList } from '../render/release-list.js';
import { renderReleaseDetail } from '../render/release-tree.js';
import { renderStructured } from '../render/structured.js';

/**
 * `releases [-n NS] [--source S] [-o json|yaml]` and `releases get NAME [-n NS] [-o json|yaml]`
 * (issue 21 §6), read from the cluster of the kubeconfig's context: the fleet's home cluster.
 * Releases are a fleet-wide history, so without `-n` every namespace is listed (as with `-A`);
 * the context's namespace never narrows it.
 */
export async function releasesCommand(ctx: CommandContext): Promise<number> {
  const sub = ctx.args.positionals[1];
  if (sub === 'get') return getRelease(ctx);
  if (sub !== undefined)
    throw new UsageError(
      `releases: unknown subcommand ${JSON.stringify(sub)}: use "releases get NAME"`,
    );
  return listReleases(ctx);
}

async function listReleases(ctx: CommandContext): Promise<number> {
  const format = outputFormat(ctx);
  const namespace = ctx.args.flags.get('namespace');
  const source = ctx.args.flags.get('source');
  const now = ctx.deps.now();
  const loaded = await loadReleases(ctx.cluster().kube, namespace);
  const history = buildReleaseHistory(
    loaded.releases,
    {
      ...(source ? { source } : {}),
      limit: DEFAULT_RELEASE_LIMIT,
      windowMs: DEFAULT_FIGURES_WINDOW_MS,
    },
    now,
  );
  if (loaded.note) ctx.warn(loaded.note);
  if (format) {
    ctx.out(renderStructured(loaded.note ? { ...history, note: loaded.note } : history, format));
    return EXIT.ok;
  }
  if (history.releases.length === 0) {
    ctx.deps.io.stderr(
      namespace ? `No releases found in ${namespace} namespace.\n` : 'No releases found.\n',
    );
    return EXIT.ok;
  }
  const table = renderReleaseList(history.releases, {
    withNamespace: namespace === undefined,
    now,
    paint: ctx.paint,
  });
  ctx.out(`${table}\n\n${renderDeliveryFigures(history.figures)}`);
  return EXIT.ok;
}

async function getRelease(ctx: CommandContext): Promise<number> {
  const name = required(ctx, 2, 'release name');
  const format = outputFormat(ctx);
  const release = await findNamed(ctx, name);
  ctx.out(
    format
      ? renderStructured(release, format)
      : renderReleaseDetail(release, ctx.deps.now(), ctx.paint),
  );
  return EXIT.ok;
}

/** In `-n NS`, else the one release of that name in any namespace. */
async function findNamed(ctx: CommandContext, name: string): Promise<Release> {
  const { kube } = ctx.cluster();
  const namespace = ctx.args.flags.get('namespace');
  const notFound = new CliError(`${RELEASES_RESOURCE_NAME} "${name}" not found`);
  if (namespace !== undefined) {
    const release = await loadRelease(kube, namespace, name);
    if (!release) throw notFound;
    return release;
  }
  const named = (await loadReleases(kube, undefined)).releases.filter(
    (r) => r.metadata.name === name,
  );
  const [only, ...others] = named;
  if (!only) throw notFound;
  if (others.length > 0)
    throw new UsageError(
      `release "${name}" is in several namespaces (${named.map((r) => r.metadata.namespace ?? '').join(', ')}): use -n`,
    );
  // A list's items omit apiVersion and kind; read the object itself, as -o json shows it whole.
  return (await loadRelease(kube, only.metadata.namespace ?? only.spec.namespace, name)) ?? only;
}
