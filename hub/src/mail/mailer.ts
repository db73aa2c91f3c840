import type { Store } from '../db/client.ts';
import { MailOutbox } from './outbox.ts';
import { renderMail, type MailLang, type MailMessage, type MailSite } from './templates.ts';
import { type UnsubscribeLinks, type MailTopic } from './unsubscribe.ts';

export interface Recipient {
  email: string;
  lang: MailLang;
  /**
   * With a topic, the mail carries a one-click unsubscribe for this account; with an
   * address key, the one that stops an address's follows by e-mail alone.
   */
  unsubscribe?: { userId: string; topic: MailTopic } | { addressKey: string };
}

/**
 * What the rest of the hub calls to send mail: renders it in the recipient's language
 * and queues it in the outbox. Inside a transaction the mail is queued only if it
 * commits; the sender is woken after the commit. Nothing here touches the network.
 */
export class Mailer {
  readonly outbox: MailOutbox;
  private wake: () => void = () => undefined;

  constructor(
    private readonly store: Store,
    private readonly site: () => MailSite,
    readonly links: UnsubscribeLinks,
  ) {
    this.outbox = new MailOutbox(store);
  }

  /** The sender loop registers here to be woken when mail is queued. */
  onQueued(wake: () => void): void {
    this.wake = wake;
  }

  send(to: Recipient, message: MailMessage): void {
    const unsubscribeUrl = to.unsubscribe === undefined ? undefined : 'addressKey' in to.unsubscribe ? this.links.addressUrl(to.unsubscribe.addressKey) : this.links.url(to.unsubscribe.userId, to.unsubscribe.topic);
    const rendered = renderMail(message, to.lang, this.site(), unsubscribeUrl);
    // RFC 8058: mail clients show an unsubscribe button that POSTs to this URL.
    const headers = unsubscribeUrl === undefined ? undefined : { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    this.outbox.enqueue({ to: to.email, kind: message.kind, subject: rendered.subject, text: rendered.text, html: rendered.html, headers });
    this.store.afterCommit(() => this.wake());
  }
}
