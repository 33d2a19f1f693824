import { DEFAULTS, type IntOrString } from '../../../domain/index.js';

export interface Fenceposts {
  maxSurge: number;
  maxUnavailable: number;
}

/**
 * A value the math cannot read (e.g. `"abc"`, `-1`, `1.5`). Returned, never thrown: the validator
 * reports the spec as invalid (`InvalidSpec`), and callers of this module treat the error as
 * "cannot compute" rather than guessing a number.
 */
export interface FencepostError {
  error: string;
}

export function isFencepostError(value: Fenceposts | FencepostError): value is FencepostError {
  return 'error' in value;
}

/**
 * maxSurge / maxUnavailable as pod counts (spec §8.2, §10.1). Any string is a percentage, with or
 * without `%` (`"2"` is 2 %, not 2 pods); surge rounds up, unavailable rounds down; when both come
 * to 0 unavailable becomes 1; unavailable never exceeds `replicas` and is 0 for 0 replicas.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  replicas: number,
): Fenceposts | FencepostError {
  const surge = scaledValue('maxSurge', maxSurge ?? DEFAULTS.maxSurge, replicas, Math.ceil);
  if (typeof surge !== 'number') return surge;
  let unavailable = scaledValue(
    'maxUnavailable',
    maxUnavailable ?? DEFAULTS.maxUnavailable,
    replicas,
    Math.floor,
  );
  if (typeof unavailable !== 'number') return unavailable;
  if (surge === 0 && unavailable === 0) unavailable = 1;
  unavailable = Math.min(unavailable, replicas);
  return { maxSurge: surge, maxUnavailable: Math.max(0, unavailable) };
}

const PERCENT = /^(\d+)%?$/;

function scaledValue(
  field: string,
  value: IntOrString,
  replicas: number,
  round: (x: number) => number,
): number | FencepostError {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
    return {
      error: `${field} ${value} is invalid: must be a non-negative integer or a percentage`,
    };
  }
  const match = PERCENT.exec(value);
  if (!match?.[1])
    return {
      error: `${field} "${value}" is invalid: must be a non-negative integer or a percentage`,
    };
  return round((Number(match[1]) * replicas) / 100);
}
