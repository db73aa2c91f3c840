// The demo's mailbox: an SMTP server the demo hubs send to, and a small web page that lists
// what they sent (subject, recipient, date) and shows each mail as text and as sanitised
// HTML. Demo only: a production hub sends through the operator's own relay (HUB_SMTP_HOST).
// Mail is kept in memory (the latest MAX_MAILS), so a restart of the demo empties it.
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import sanitizeHtml from 'sanitize-html';

const MAX_MAILS = 500;
/** A hub's mails are a few kilobytes; anything much bigger is not one of ours. */
const MAX_MAIL_BYTES = 2 * 1024 * 1024;

const WORDS = {
  fr: {
    title: 'Courriels envoyés par les hubs de la démo',
    intro: 'Les hubs de la démo envoient ici tous leurs courriels (confirmation d’adresse, mot de passe, modération, notifications). Rien ne part vers de vraies adresses.',
    empty: 'Aucun courriel pour l’instant. Créez un compte sur un portail, ou demandez un nouveau mot de passe : le courriel apparaîtra ici.',
    refresh: 'Actualiser',
    date: 'Date',
    to: 'À',
    from: 'De',
    subject: 'Objet',
    back: 'Tous les courriels',
    text: 'Version texte',
    html: 'Version HTML (nettoyée)',
    noHtml: 'Ce courriel n’a pas de version HTML.',
    notFound: 'Ce courriel n’existe pas (la démo a peut-être redémarré).',
    other: 'English',
    count: (n) => (n === 0 ? 'aucun courriel' : `${n} courriel${n > 1 ? 's' : ''}, le plus récent en premier`),
  },
  en: {
    title: 'Mail sent by the demo hubs',
    intro: 'The demo hubs send all their mail here (address confirmation, password, moderation, notifications). Nothing goes out to real addresses.',
    empty: 'No mail yet. Create an account on a portal, or ask for a new password: the mail will show up here.',
    refresh: 'Refresh',
    date: 'Date',
    to: 'To',
    from: 'From',
    subject: 'Subject',
    back: 'All mail',
    text: 'Text version',
    html: 'HTML version (sanitised)',
    noHtml: 'This mail has no HTML version.',
    notFound: 'No such mail (the demo may have restarted).',
    other: 'Français',
    count: (n) => (n === 0 ? 'no mail' : `${n} mail${n > 1 ? 's' : ''}, newest first`),
  },
};

const escape = (value) => String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** Plain text with its http(s) links made clickable (the confirmation and reset links are what one comes for). */
function linkify(text) {
  return text
    .split(/(https?:\/\/[^\s<>"']+)/)
    .map((part, index) => (index % 2 === 1 ? `<a href="${escape(part)}" target="_blank" rel="noopener noreferrer">${escape(part)}</a>` : escape(part)))
    .join('');
}

/**
 * The mail's HTML without scripts, forms, frames or event handlers; inline styles are kept
 * so it looks as a mail client shows it, and links open in a new tab.
 */
export function sanitiseMailHtml(html) {
  return sanitizeHtml(html, {
    // html and body keep the mail's own background and padding; the head (its title) goes.
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'html', 'body', 'img', 'center', 'font'],
    nonTextTags: ['style', 'script', 'textarea', 'option', 'noscript', 'title'],
    allowedAttributes: { html: ['lang'], '*': ['style', 'align', 'width', 'height', 'bgcolor', 'color', 'border', 'cellpadding', 'cellspacing'], a: ['href', 'title', 'target', 'rel'], img: ['src', 'alt', 'title', 'width', 'height'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }) },
  });
}

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1b1f24; background: #f4f5f7; }
  header, main { max-width: 72rem; margin: 0 auto; padding: 1rem; box-sizing: border-box; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: baseline; justify-content: space-between; }
  h1 { font-size: 1.4rem; margin: .5rem 0; }
  h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
  a { color: #0b5cad; }
  p.intro { margin: 0 0 1rem; color: #444; }
  ol.mails { list-style: none; margin: 0; padding: 0; background: #fff; border-radius: 8px; border: 1px solid #dde1e6; }
  ol.mails li { border-top: 1px solid #e6e9ed; }
  ol.mails li:first-child { border-top: 0; }
  ol.mails a { display: grid; grid-template-columns: 11rem 16rem 1fr; gap: .25rem 1rem; padding: .75rem 1rem; text-decoration: none; color: inherit; }
  ol.mails a:hover, ol.mails a:focus { background: #eef4fb; }
  .subject { font-weight: 600; color: #0b5cad; overflow-wrap: anywhere; }
  .to { overflow-wrap: anywhere; color: #333; }
  time { color: #555; font-variant-numeric: tabular-nums; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; background: #fff; padding: 1rem; border-radius: 8px; border: 1px solid #dde1e6; }
  dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fff; padding: 1rem; border-radius: 8px; border: 1px solid #dde1e6; margin: 0; font: 14px/1.5 ui-monospace, "DejaVu Sans Mono", monospace; }
  iframe { width: 100%; height: 36rem; border: 1px solid #dde1e6; border-radius: 8px; background: #fff; resize: vertical; }
  .empty { background: #fff; padding: 1rem; border-radius: 8px; border: 1px solid #dde1e6; }
  @media (max-width: 48rem) { ol.mails a { grid-template-columns: 1fr; } }
`;

function page(lang, title, body, { refresh = false } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${refresh ? '<meta http-equiv="refresh" content="10">' : ''}<title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const dateOf = (iso, lang) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });

function listPage(mails, lang) {
  const w = WORDS[lang];
  const other = lang === 'en' ? 'fr' : 'en';
  const rows = mails
    .map((mail) => `<li><a href="/mails/${mail.id}?lang=${lang}"><time datetime="${escape(mail.receivedAt)}">${escape(dateOf(mail.receivedAt, lang))}</time><span class="to">${escape(mail.to.join(', '))}</span><span class="subject">${escape(mail.subject || '(—)')}</span></a></li>`)
    .join('');
  const body = `<header><h1>${escape(w.title)}</h1><nav><a href="/?lang=${lang}">${escape(w.refresh)}</a> · <a href="/?lang=${other}" lang="${other}">${escape(w.other)}</a></nav></header>
<main><p class="intro">${escape(w.intro)}</p><p class="intro">${escape(w.count(mails.length))}</p>
${mails.length === 0 ? `<p class="empty">${escape(w.empty)}</p>` : `<ol class="mails">${rows}</ol>`}</main>`;
  return page(lang, w.title, body, { refresh: true });
}

function mailPage(mail, lang) {
  const w = WORDS[lang];
  const other = lang === 'en' ? 'fr' : 'en';
  const body = `<header><p><a href="/?lang=${lang}">← ${escape(w.back)}</a></p><nav><a href="/mails/${mail.id}?lang=${other}" lang="${other}">${escape(w.other)}</a></nav></header>
<main><h1>${escape(mail.subject || '(—)')}</h1>
<dl><dt>${escape(w.from)}</dt><dd>${escape(mail.from)}</dd><dt>${escape(w.to)}</dt><dd>${escape(mail.to.join(', '))}</dd><dt>${escape(w.date)}</dt><dd><time datetime="${escape(mail.receivedAt)}">${escape(dateOf(mail.receivedAt, lang))}</time></dd></dl>
<h2>${escape(w.html)}</h2>
${mail.html === '' ? `<p class="empty">${escape(w.noHtml)}</p>` : `<iframe title="${escape(w.html)}" src="/mails/${mail.id}/html" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>`}
<h2>${escape(w.text)}</h2>
<pre>${linkify(mail.text)}</pre></main>`;
  return page(lang, mail.subject, body);
}

/**
 * Starts the mailbox: SMTP on a free loopback port, the web page on `httpPort` (0: any).
 * Resolves with both ports, the page's URL and `close()`.
 */
export async function startMailViewer({ httpPort = 0, host = '127.0.0.1', publicHost = 'localhost' } = {}) {
  const mails = [];
  let nextId = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    // Loopback only, between processes of this machine: no TLS to set up.
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: MAX_MAIL_BYTES,
    logger: false,
    banner: 'Constellation demo mailbox',
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          mails.unshift({
            id: nextId++,
            receivedAt: new Date().toISOString(),
            from: parsed.from?.text ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          });
          mails.length = Math.min(mails.length, MAX_MAILS);
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(0, host, () => {
      smtp.off('error', reject);
      resolve();
    });
  });
  // A client that drops the connection mid-mail is not worth stopping the demo for.
  smtp.on('error', () => undefined);

  const web = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://mailbox');
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'fr';
    const send = (status, type, body, headers = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'GET only\n', { allow: 'GET, HEAD' });
    // The pages run no script at all, and only this page may frame a mail.
    const pageCsp = { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'" };
    if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', listPage(mails, lang), pageCsp);
    if (url.pathname === '/api/mails') return send(200, 'application/json; charset=utf-8', JSON.stringify({ items: mails.map(({ html: _html, ...mail }) => mail) }));
    const match = /^\/mails\/(\d+)(\/html)?$/.exec(url.pathname);
    const mail = match === null ? undefined : mails.find((candidate) => candidate.id === Number(match[1]));
    if (mail === undefined) return send(404, 'text/html; charset=utf-8', page(lang, WORDS[lang].notFound, `<main><p>${escape(WORDS[lang].notFound)}</p><p><a href="/?lang=${lang}">${escape(WORDS[lang].back)}</a></p></main>`), pageCsp);
    if (match[2] === undefined) return send(200, 'text/html; charset=utf-8', mailPage(mail, lang), pageCsp);
    // The mail itself: sanitised, and sandboxed besides (no script, its own origin).
    return send(200, 'text/html; charset=utf-8', sanitiseMailHtml(mail.html), {
      'content-security-policy': "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
    });
  });
  await new Promise((resolve, reject) => {
    web.once('error', reject);
    web.listen(httpPort, host, () => {
      web.off('error', reject);
      resolve();
    });
  });
  const smtpPort = smtp.server.address().port;
  const port = web.address().port;
  return {
    smtpPort,
    port,
    url: `http://${publicHost}:${port}`,
    mails,
    close: () => Promise.all([new Promise((resolve) => smtp.close(() => resolve())), new Promise((resolve) => web.close(() => resolve()))]),
  };
}
