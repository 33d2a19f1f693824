import { parseGoDurationMs } from '../../domain/go-duration.js';
import { NOTIFICATION_CONFIG } from '../../domain/notification.js';
import { DEFAULT_DELIVERY_POLICY } from './plan-delivery.js';

/** The environment names (Node) and bindings (Workers) notifications read; one parser for both. */
export interface NotificationEnv {
  /** `off` disables notifications; `on` (the default) enables them. */
  NOTIFICATIONS?: string;
  /** Where `argo-rollouts-notification-configmap` and `-secret` are read (default `argo-rollouts`). */
  NOTIFICATIONS_NAMESPACE?: string;
  /** Go duration (default `10m`): events older than the start minus this are not announced. */
  NOTIFICATIONS_START_WINDOW?: string;
  /** The controller's public base URL: where approval links point when `approvals.url` is unset. */
  PUBLIC_URL?: string;
}

export interface NotificationSettings {
  enabled: boolean;
  namespace: string;
  startWindowMs: number;
  /** PUBLIC_URL without its trailing slash (on Node, `http://<HOST>:<PORT>` when unset). */
  publicUrl?: string;
}

/** What a browser can open: a scheme and a host, nothing else checked. */
const HTTP_URL = /^https?:\/\/[^/\s]+(\/\S*)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Every problem at once, naming the setting, never echoing a value it refuses. Pure. */
export function parseNotificationSettings(env: NotificationEnv): {
  settings: NotificationSettings;
  problems: string[];
} {
  const problems: string[] = [];
  const switchValue = env.NOTIFICATIONS?.trim().toLowerCase() || 'on';
  if (switchValue !== 'on' && switchValue !== 'off')
    problems.push('NOTIFICATIONS must be "on" or "off"');
  const namespace = env.NOTIFICATIONS_NAMESPACE?.trim() || NOTIFICATION_CONFIG.namespace;
  if (!DNS_LABEL.test(namespace))
    problems.push('NOTIFICATIONS_NAMESPACE must be a namespace name (a DNS label)');
  const windowText = env.NOTIFICATIONS_START_WINDOW?.trim();
  const parsedWindow = windowText ? parseGoDurationMs(windowText) : undefined;
  if (windowText && (parsedWindow === undefined || parsedWindow < 0))
    problems.push('NOTIFICATIONS_START_WINDOW must be a Go duration such as 10m');
  const publicUrl = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || undefined;
  if (publicUrl !== undefined && !HTTP_URL.test(publicUrl))
    problems.push('PUBLIC_URL must be an http(s) URL such as https://rollouts.example.com');
  return {
    settings: {
      enabled: switchValue !== 'off',
      namespace,
      startWindowMs:
        parsedWindow !== undefined && parsedWindow >= 0
          ? parsedWindow
          : DEFAULT_DELIVERY_POLICY.startWindowMs,
      ...(publicUrl !== undefined && HTTP_URL.test(publicUrl) ? { publicUrl } : {}),
    },
    problems,
  };
}
