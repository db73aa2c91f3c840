import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { startMailViewer, type MailViewer } from '../../bin/mail-viewer.js';

/*
 * The demo's mailbox (bin/mail-viewer.js): a real SMTP round trip from nodemailer, as a
 * hub sends, then its page. A mail's HTML is shown only sanitised and sandboxed, since
 * it carries what people typed (titles, names, reasons).
 */

let viewer: MailViewer;

beforeAll(async () => {
  viewer = await startMailViewer();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: viewer.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from: 'Echosciences Centre <no-reply@centre.example.org>',
    to: 'camille@exemple.fr',
    subject: 'Non publié : <b>Atelier</b>',
    text: 'Votre contenu n’a pas été publié.\n\nVoir mes contenus : http://localhost:3002/contribute\n',
    html: '<!doctype html><html lang="fr"><head><title>Titre</title><script>alert(0)</script></head><body style="background:#f4f5f7"><p style="color:#1b1f24">Bonjour <b>Camille</b></p><script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">piège</a><a href="http://localhost:3002/contribute">Voir mes contenus</a><form action="http://evil.example"><input name="p"></form></body></html>',
  });
  transport.close();
});

afterAll(async () => {
  await viewer?.close();
});

describe("the demo's mailbox", () => {
  it('lists what it received, newest first, with subject, recipient and date, escaped', async () => {
    const page = await fetch(`${viewer.url}/`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('camille@exemple.fr');
    expect(html).toContain('Non publié : &lt;b&gt;Atelier&lt;/b&gt;');
    expect(html).toContain('href="/mails/1?lang=fr"');
    const english = await (await fetch(`${viewer.url}/?lang=en`)).text();
    expect(english).toContain('Mail sent by the demo hubs');
  });

  it('shows the text with clickable links, and the HTML without scripts, handlers, forms or javascript: links', async () => {
    const shown = await (await fetch(`${viewer.url}/mails/1`)).text();
    expect(shown).toContain('<a href="http://localhost:3002/contribute" target="_blank" rel="noopener noreferrer">http://localhost:3002/contribute</a>');
    expect(shown).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    const response = await fetch(`${viewer.url}/mails/1/html`);
    expect(response.headers.get('content-security-policy')).toMatch(/^sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'/);
    const html = await response.text();
    expect(html).toContain('<p style="color:#1b1f24">Bonjour <b>Camille</b></p>');
    expect(html).toContain('<a href="http://localhost:3002/contribute" target="_blank" rel="noopener noreferrer">Voir mes contenus</a>');
    for (const hostile of ['<script', 'alert(', 'onerror', 'javascript:', '<form', '<input', 'Titre']) expect(html).not.toContain(hostile);
  });

  it('answers 404 for a mail it does not have, and 405 for anything but GET', async () => {
    expect((await fetch(`${viewer.url}/mails/999`)).status).toBe(404);
    expect((await fetch(`${viewer.url}/`, { method: 'POST' })).status).toBe(405);
  });
});
