/**
 * A Release's name: `<source>-<first 7 of the commit>`, so a push delivered twice (a redelivered
 * webhook, a sweep, a crash before the hint was queued) finds the release it already started. A
 * source name is at most 40 characters, so the name stays a DNS label well inside 63.
 */
export function releaseName(source: string, commit: string): string {
  return `${source}-${commit.slice(0, 7).toLowerCase()}`;
}

/** A release that will not move any more. */
export function isFinishedRelease(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Superseded';
}
