import { createRequire } from 'node:module';
import type { createTransport } from 'nodemailer';
import type { Config } from '../../config.ts';

/** A plain-text message to one recipient. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. One SMTP implementation; tests use a local SMTP sink rather than a fake. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export type SmtpSettings = NonNullable<Config['smtp']>;

/** SMTP through nodemailer, from config.smtp (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER/PASSWORD, SMTP_FROM). */
export class SmtpMailer implements Mailer {
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(private readonly smtp: SmtpSettings) {
    // nodemailer (~14 MB) is loaded only where SMTP is configured.
    const nodemailer = createRequire(import.meta.url)('nodemailer') as {
      createTransport: typeof createTransport;
    };
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      // SMTP_SECURE: TLS from the first byte (port 465). Otherwise nodemailer upgrades with STARTTLS
      // whenever the server offers it.
      secure: smtp.secure,
      ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      // A slow or dead relay must not hold background work for nodemailer's default of minutes.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.smtp.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** The mailer for this configuration, or undefined when SMTP is not configured (no SMTP_HOST). */
export function createMailer(smtp: Config['smtp']): Mailer | undefined {
  return smtp === undefined ? undefined : new SmtpMailer(smtp);
}
