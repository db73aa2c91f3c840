import nodemailer, { type Transporter } from 'nodemailer';
import type { HubConfig } from '../config.ts';

const DEFAULT_PORTS = { tls: 465, starttls: 587, none: 25 } as const;

/** What the sender loop needs of SMTP: send one message, or say why not. */
export interface MailTransport {
  send(message: { from: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> }): Promise<void>;
  /** Connects and authenticates once, so a wrong host or password shows at start. */
  verify(): Promise<void>;
  close(): void;
}

/** The configured SMTP relay, or undefined when the hub has none. */
export function smtpTransport(config: HubConfig): MailTransport | undefined {
  if (config.smtpHost === undefined || config.mailFrom === undefined) return undefined;
  const transporter: Transporter = nodemailer.createTransport({
    host: config.smtpHost,
    port: config.smtpPort ?? DEFAULT_PORTS[config.smtpSecurity],
    secure: config.smtpSecurity === 'tls',
    requireTLS: config.smtpSecurity === 'starttls',
    ignoreTLS: config.smtpSecurity === 'none',
    auth: config.smtpUser === undefined ? undefined : { user: config.smtpUser, pass: config.smtpPassword ?? '' },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transporter.sendMail(message);
    },
    async verify() {
      await transporter.verify();
    },
    close: () => transporter.close(),
  };
}

/** SMTP answers 5xx for what will never be accepted (no such mailbox): retrying is pointless. */
export function isPermanentFailure(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
