import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailService } from '../../../../src/providers/notifications/email/index.js';
import { connectSmtp } from '../../../../src/runtime/node/smtp-connect.js';
import { aDelivery, aServiceContext, settingsOf } from '../support/delivery.js';
import { aSelfSignedCertificate, python, type SmtpSink, startSmtpSink } from './smtp-sink.js';

/**
 * The email service over the Node connector against a real SMTP server: Debian's aiosmtpd
 * (smtp-sink.py stores what it accepts, decoded by Python's email package).
 */
const NOW = Date.UTC(2026, 11, 7, 5, 31, 9);

const ctx = aServiceContext({ now: NOW, smtp: connectSmtp });
const anEmail = { service: { type: 'email', name: 'email' }, recipient: 'ops@example.com' };

function settingsFor(sink: SmtpSink, extra: Record<string, unknown> = {}) {
  return settingsOf(
    emailService.parseSettings({
      host: '127.0.0.1',
      port: sink.port,
      from: 'Rollouts <rollouts@example.com>',
      ...extra,
    }),
  );
}

describe.skipIf(python === '')(
  `email service against aiosmtpd (${python ? python : 'skipped: no python3-aiosmtpd; install with `apt-get install -y python3-aiosmtpd`'})`,
  () => {
    describe('a plain relay on loopback, no authentication', () => {
      let sink: SmtpSink;
      beforeAll(async () => (sink = await startSmtpSink()));
      afterAll(() => sink?.close());

      it('delivers the envelope, headers and body exactly, to every recipient', async () => {
        const before = sink.messages().length;
        const body =
          'Rollout checkout is paused at step 2.\n.hidden line starts with a dot\n..two dots\nÉtape 2 — 20%';
        const outcome = await emailService.send(
          ctx,
          settingsFor(sink),
          aDelivery({
            ...anEmail,
            recipient: 'ops@example.com, Dev Team <dev@example.com>',
            message: 'unused: the section has a body',
            sections: { email: { subject: 'Rollout checkout pausée — étape 2', body } },
          }),
        );
        expect(outcome).toEqual({ ok: true });
        const got = sink.messages().slice(before);
        expect(got).toHaveLength(1);
        const m = got[0]!;
        expect(m.helo).toBe('localhost');
        expect(m.tls).toBe(false);
        expect(m.login).toBeNull();
        expect(m.mailFrom).toBe('rollouts@example.com');
        expect(m.rcptTos).toEqual(['ops@example.com', 'dev@example.com']);
        expect(m.headers).toMatchObject({
          From: 'Rollouts <rollouts@example.com>',
          To: 'ops@example.com, Dev Team <dev@example.com>',
          Subject: 'Rollout checkout pausée — étape 2',
          Date: 'Mon, 07 Dec 2026 05:31:09 +0000',
          'MIME-Version': '1.0',
          'Auto-Submitted': 'auto-generated',
        });
        expect(m.headers['Message-ID']).toMatch(/^<\d+\.[0-9a-f]{16}@example\.com>$/);
        expect(m.contentType).toBe('text/plain');
        expect(m.charset).toBe('utf-8');
        expect(m.body.replace(/\r\n/g, '\n')).toBe(`${body}\n`);
        // Non-ASCII travels encoded: the raw message is 7-bit.
        expect([...m.raw].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
      });

      it('sends the message as the body when the template has no email section, as HTML when html is set', async () => {
        const before = sink.messages().length;
        const outcome = await emailService.send(
          ctx,
          settingsFor(sink, { html: true }),
          aDelivery({
            ...anEmail,
            message: '<b>checkout</b> is paused',
            actions: [
              {
                action: 'promote',
                token: 't1',
                url: 'https://rollouts.example.com/hooks/approve/t1',
              },
            ],
          }),
        );
        expect(outcome).toEqual({ ok: true });
        const m = sink.messages().slice(before)[0]!;
        expect(m.contentType).toBe('text/html');
        expect(m.headers.Subject).toBe('');
        expect(m.body).toContain('<b>checkout</b> is paused');
        expect(m.body).toContain(
          '<a href="https://rollouts.example.com/hooks/approve/t1">Promote</a>',
        );
      });

      it.each([
        {
          recipient: 'busy@example.com',
          retryable: true,
          reason: /RCPT TO <busy@example.com> refused: 451/,
        },
        {
          recipient: 'ops@example.com, nobody@example.com',
          retryable: false,
          reason: /550 5\.1\.1/,
        },
      ])('answers $recipient refused (retryable: $retryable), sending nothing', async (c) => {
        const before = sink.messages().length;
        const outcome = await emailService.send(
          ctx,
          settingsFor(sink),
          aDelivery({ ...anEmail, recipient: c.recipient }),
        );
        expect(outcome).toMatchObject({ ok: false, retryable: c.retryable });
        expect(outcome.ok ? '' : outcome.reason).toMatch(c.reason);
        expect(sink.messages().length).toBe(before);
      });
    });

    describe('STARTTLS with authentication', () => {
      const cert = aSelfSignedCertificate();
      let plain: SmtpSink;
      let loginOnly: SmtpSink;
      beforeAll(async () => {
        const auth = { user: 'deploy-bot', password: 's3cret-pw', tls: cert, authRequireTls: true };
        [plain, loginOnly] = await Promise.all([
          startSmtpSink(auth),
          startSmtpSink({ ...auth, excludeAuth: ['PLAIN'] }),
        ]);
      });
      afterAll(async () => {
        await Promise.all([plain?.close(), loginOnly?.close()]);
        cert.dispose();
      });
      const sinkOf = (name: string) => (name === 'PLAIN' ? plain : loginOnly);

      it.each(['PLAIN', 'LOGIN'])(
        'upgrades to TLS and authenticates with AUTH %s',
        async (mech) => {
          const sink = sinkOf(mech);
          const settings = settingsFor(sink, {
            username: 'deploy-bot',
            password: 's3cret-pw',
            insecure_skip_verify: true,
          });
          expect(await emailService.send(ctx, settings, aDelivery(anEmail))).toEqual({ ok: true });
          const [m] = sink.messages();
          expect(m).toMatchObject({ tls: true, login: 'deploy-bot', rcptTos: ['ops@example.com'] });
        },
      );

      it('refuses wrong credentials for good, and never quotes the password', async () => {
        const settings = settingsFor(plain, {
          username: 'deploy-bot',
          password: 'wrong-pw',
          insecure_skip_verify: true,
        });
        const outcome = await emailService.send(
          ctx,
          settings,
          aDelivery({ ...anEmail, recipient: 'second@example.com' }),
        );
        expect(outcome).toMatchObject({ ok: false, retryable: false });
        expect(outcome.ok ? '' : outcome.reason).toMatch(/authentication refused: 535/);
        expect(JSON.stringify(outcome)).not.toContain('wrong-pw');
        expect(plain.messages().map((m) => m.rcptTos)).not.toContainEqual(['second@example.com']);
      });

      it('checks the certificate unless insecure_skip_verify is set', async () => {
        const settings = settingsFor(plain, { username: 'deploy-bot', password: 's3cret-pw' });
        const outcome = await emailService.send(
          ctx,
          settings,
          aDelivery({ ...anEmail, recipient: 'third@example.com' }),
        );
        expect(outcome).toMatchObject({ ok: false, retryable: false });
        expect(outcome.ok ? '' : outcome.reason).toMatch(
          /certificate of 127\.0\.0\.1:\d+ is not trusted/,
        );
        expect(plain.messages().map((m) => m.rcptTos)).not.toContainEqual(['third@example.com']);
      });
    });

    it('answers a closed port as retryable', async () => {
      const sink = await startSmtpSink();
      const settings = settingsFor(sink);
      await sink.close();
      const outcome = await emailService.send(ctx, settings, aDelivery(anEmail));
      expect(outcome).toMatchObject({ ok: false, retryable: true });
      expect(outcome.ok ? '' : outcome.reason).toMatch(/ECONNREFUSED/);
    });
  },
);

describe('email service without an SMTP connector (Workers)', () => {
  it('answers that it needs the Node runtime, for good', async () => {
    const settings = settingsOf(
      emailService.parseSettings({ host: 'smtp.example.com', port: 587, from: 'a@example.com' }),
    );
    const { smtp: _none, ...workers } = ctx;
    const outcome = await emailService.send(workers, settings, aDelivery(anEmail));
    expect(outcome).toMatchObject({ ok: false, retryable: false });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/needs the Node runtime/);
  });
});
