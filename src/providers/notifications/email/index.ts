import type { NotificationService } from '../types.js';
import { buildEmailMessage } from './build-message.js';
import { sendEmail } from './send-email.js';
import { type EmailSettings, parseEmailSettings } from './settings.js';

export type { EmailSettings } from './settings.js';
export type { SmtpConnect, SmtpConnectOptions, SmtpSocket } from './smtp-connect.js';
export { SmtpSocketError } from './smtp-connect.js';

/** `service.email`: mail over SMTP (Node only: Workers cannot open the TCP connection). */
export const emailService: NotificationService<EmailSettings> = {
  type: 'email',
  parseSettings: parseEmailSettings,
  async send(ctx, settings, delivery) {
    if (!ctx.smtp)
      return {
        ok: false,
        retryable: false,
        reason: 'email needs the Node runtime: this runtime cannot open an SMTP connection',
      };
    const built = buildEmailMessage(settings, delivery, ctx.now);
    if ('problem' in built) return { ok: false, retryable: false, reason: built.problem };
    return sendEmail(ctx.smtp, settings, built.message);
  },
};
