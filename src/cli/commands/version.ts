import { VERSION } from '../../version.js';
import { EXIT } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';
import { flagOn } from '../parse-args.js';

/** `version [--short]`: the CLI's version; it needs no cluster. */
export function versionCommand(ctx: CommandContext): number {
  ctx.out(
    flagOn(ctx.args, 'short')
      ? `v${VERSION}`
      : `rollouts: v${VERSION}\n  Platform: node ${process.version.slice(1)} ${process.platform}/${process.arch}`,
  );
  return EXIT.ok;
}
