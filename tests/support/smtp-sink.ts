import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
}

export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** Waits for a mail matching `match` (to an address, by default), up to `timeoutMs`. */
  waitFor(match: string | ((mail: ReceivedMail) => boolean), timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on a loopback port that keeps what it receives,
 * parsed with mailparser. `reject` lists recipients it refuses with a 550 (a
 * permanent failure), to test the outbox's handling of those.
 */
export async function startSmtpSink(options: { reject?: string[] } = {}): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.includes(address.address.toLowerCase()) === true) {
        const error = Object.assign(new Error('no such mailbox'), { responseCode: 550 });
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
          });
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error: unknown) => callback(error as Error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    async waitFor(match, timeoutMs = 30_000) {
      const test = typeof match === 'string' ? (mail: ReceivedMail) => mail.to.includes(match.toLowerCase()) : match;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(test);
        if (found !== undefined) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no mail matched within ${timeoutMs} ms; received: ${mails.map((mail) => `${mail.to.join(',')} "${mail.subject}"`).join('; ') || 'none'}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 500));
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first link in a mail's text that starts with `prefix`. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const found = mail.text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (found === undefined) throw new Error(`no link starting with ${prefix} in: ${mail.text}`);
  return found;
}
