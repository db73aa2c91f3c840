// Types for bin/mail-viewer.js (plain JavaScript, like the rest of the demo).
export interface ViewedMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}
export interface MailViewer {
  smtpPort: number;
  port: number;
  url: string;
  mails: ViewedMail[];
  close(): Promise<unknown>;
}
export function sanitiseMailHtml(html: string): string;
export function startMailViewer(options?: { httpPort?: number; host?: string; publicHost?: string }): Promise<MailViewer>;
