import { ICONS } from '../../core/rollout-info/index.js';

/** Paints text when colour is on; identity otherwise. */
export type Paint = (text: string, icon: string) => string;

const CODES: Record<string, number> = {
  [ICONS.ok]: 32, // green
  [ICONS.bad]: 31, // red
  [ICONS.warning]: 31,
  [ICONS.progressing]: 33, // yellow
  [ICONS.waiting]: 33,
  [ICONS.paused]: 90, // grey
  [ICONS.unknown]: 90,
  [ICONS.neutral]: 90,
};

/**
 * Colour only on a terminal, and never with `--no-color` or NO_COLOR set (https://no-color.org).
 * The status words are coloured by their icon, as the plugin colours them.
 */
export function paintFor(enabled: boolean): Paint {
  if (!enabled) return (text) => text;
  return (text, icon) => {
    const code = CODES[icon];
    return code === undefined ? text : `\u001b[${code}m${text}\u001b[0m`;
  };
}

export function colorEnabled(
  isTTY: boolean,
  noColorFlag: boolean,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  return isTTY && !noColorFlag && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}
