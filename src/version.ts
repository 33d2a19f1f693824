/** Reported by /healthz and the CLI; bumped with releases. */
export const VERSION = '0.1.0';
