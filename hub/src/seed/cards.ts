import sharp from 'sharp';
import { disciplines, type Discipline } from '@constellation/shared';
import type { MediaService } from '../media/media-service.ts';

/*
 * The demo's pictures: a card per piece of seeded content (the discipline's colour and
 * pictogram, and the title), drawn as SVG, rendered by sharp and stored through the same
 * upload path as a contributor's photo. The generator (generate/) stays pure and names a
 * placeholder URL under /media/seed/; storing the seed swaps each for a real image.
 */

export const CARD = { width: 720, height: 405 } as const;
/** Two copies are enough for cards: one for lists, one for pages. */
const CARD_WIDTHS = [360, 720] as const;
/** Titled cards up to this many; past it (large benchmark seeds) one card per discipline and kind, reused. */
const TITLED_CARDS = 80;

const COLOURS: Record<Discipline, string> = {
  mathematics: '#3d5a80',
  physics: '#2b59c3',
  chemistry: '#7b2cbf',
  astronomy: '#1b263b',
  'earth-sciences': '#8d5524',
  climate: '#d17a22',
  ecology: '#2d6a4f',
  ocean: '#006d77',
  biology: '#40916c',
  health: '#c1121f',
  neuroscience: '#9d4edd',
  agriculture: '#6a994e',
  'computer-science': '#264653',
  engineering: '#495057',
  energy: '#e09f3e',
  history: '#9c6644',
  'social-sciences': '#b5179e',
  economics: '#386641',
  linguistics: '#5f0f40',
  'arts-sciences': '#e63946',
  'science-society': '#0f4c5c',
};

/** Pictograms in a 100 x 100 box, white strokes: simple enough to read at 360 px wide. */
const S = 'fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"';
const PICTOGRAMS: Record<Discipline, string> = {
  mathematics: `<path ${S} d="M72 18H28l26 32-26 32h44"/>`,
  physics: `<g ${S}><ellipse cx="50" cy="50" rx="42" ry="15"/><ellipse cx="50" cy="50" rx="42" ry="15" transform="rotate(60 50 50)"/><ellipse cx="50" cy="50" rx="42" ry="15" transform="rotate(120 50 50)"/></g><circle cx="50" cy="50" r="6" fill="#fff"/>`,
  chemistry: `<path ${S} d="M38 10h24M42 10v28L18 84q-3 6 4 6h56q7 0 4-6L58 38V10M28 66h44"/>`,
  astronomy: `<g ${S}><circle cx="50" cy="50" r="22"/><ellipse cx="50" cy="50" rx="46" ry="12" transform="rotate(-20 50 50)"/></g><circle cx="16" cy="16" r="3" fill="#fff"/><circle cx="86" cy="84" r="3" fill="#fff"/><circle cx="84" cy="14" r="2" fill="#fff"/>`,
  'earth-sciences': `<path ${S} d="M6 86l30-52 18 28 12-18 28 42zM30 46l6 8 6-6"/>`,
  climate: `<g ${S}><circle cx="50" cy="50" r="18"/><path d="M50 8v12M50 80v12M8 50h12M80 50h12M20 20l9 9M71 71l9 9M80 20l-9 9M29 71l-9 9"/></g>`,
  ecology: `<path ${S} d="M20 84C16 40 44 16 86 14c2 42-22 70-66 70zM20 84l40-40"/>`,
  ocean: `<path ${S} d="M6 40q11-12 22 0t22 0 22 0 22 0M6 60q11-12 22 0t22 0 22 0 22 0M6 80q11-12 22 0t22 0 22 0 22 0"/>`,
  biology: `<path ${S} d="M32 6c0 30 36 30 36 44S32 64 32 94M68 6c0 30-36 30-36 44s36 14 36 44M38 22h24M38 78h24M42 50h16"/>`,
  health: `<path ${S} d="M38 12h24v26h26v24H62v26H38V62H12V38h26z"/>`,
  neuroscience: `<g ${S}><path d="M20 30l30-14 30 14M20 30l14 36 32 0 14-36M34 66l16 20 16-20M50 16v70"/></g><g fill="#fff"><circle cx="20" cy="30" r="6"/><circle cx="50" cy="16" r="6"/><circle cx="80" cy="30" r="6"/><circle cx="34" cy="66" r="6"/><circle cx="66" cy="66" r="6"/><circle cx="50" cy="86" r="6"/></g>`,
  agriculture: `<path ${S} d="M50 94V30M50 30c-14-6-16-18-10-24 8 6 10 16 10 24zM50 50c-14-6-20-16-14-24 8 6 14 14 14 24zM50 50c14-6 20-16 14-24-8 6-14 14-14 24zM50 70c-14-6-20-16-14-24 8 6 14 14 14 24zM50 70c14-6 20-16 14-24-8 6-14 14-14 24z"/>`,
  'computer-science': `<g ${S}><rect x="24" y="24" width="52" height="52" rx="6"/><rect x="38" y="38" width="24" height="24"/><path d="M36 24V10M50 24V10M64 24V10M36 90V76M50 90V76M64 90V76M24 36H10M24 50H10M24 64H10M90 36H76M90 50H76M90 64H76"/></g>`,
  engineering: `<circle cx="50" cy="50" r="32" fill="none" stroke="#fff" stroke-width="14" stroke-dasharray="12 8.1"/><circle cx="50" cy="50" r="22" ${S}/><circle cx="50" cy="50" r="9" ${S}/>`,
  energy: `<path ${S} d="M58 6L22 56h26l-6 38 36-52H52z"/>`,
  history: `<path ${S} d="M12 90h76M18 80h64M14 26h72L50 8zM24 32v42M40 32v42M60 32v42M76 32v42"/>`,
  'social-sciences': `<g ${S}><circle cx="34" cy="32" r="12"/><circle cx="68" cy="32" r="12"/><path d="M10 86c0-18 10-30 24-30s24 12 24 30M44 86c2-18 10-30 24-30s22 12 22 30"/></g>`,
  economics: `<path ${S} d="M10 90h80M20 90V62M40 90V44M60 90V54M80 90V24M16 46l22-18 20 10 28-26"/>`,
  linguistics: `<path ${S} d="M10 16h80v52H46L24 88V68H10z"/><g fill="#fff"><circle cx="32" cy="42" r="5"/><circle cx="50" cy="42" r="5"/><circle cx="68" cy="42" r="5"/></g>`,
  'arts-sciences': `<path ${S} d="M50 10C22 10 8 32 10 52c2 20 20 36 38 36 10 0 10-10 4-16s-2-14 8-14h14c12 0 18-8 16-20C86 22 70 10 50 10z"/><g fill="#fff"><circle cx="30" cy="46" r="6"/><circle cx="40" cy="28" r="6"/><circle cx="62" cy="26" r="6"/></g>`,
  'science-society': `<g ${S}><circle cx="50" cy="50" r="40"/><ellipse cx="50" cy="50" rx="18" ry="40"/><path d="M10 50h80M16 30h68M16 70h68"/></g>`,
};

const KIND_LABELS: Record<string, string> = {
  actor: 'Acteur', event: 'Événement', place: 'À visiter', article: 'Magazine', project: 'Science participative', dossier: 'Dossier', resource: 'Ressource', announcement: 'Annonce',
};

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

/** Greedy word wrap to at most `lines` lines of about `width` characters; the last one ends in an ellipsis if cut. */
export function wrap(text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let line = '';
  const words = text.split(/\s+/).filter((word) => word !== '');
  for (const [index, word] of words.entries()) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length <= width || line === '') {
      line = candidate;
      continue;
    }
    out.push(line);
    line = word;
    if (out.length === lines - 1) {
      const rest = words.slice(index).join(' ');
      out.push(rest.length <= width ? rest : `${rest.slice(0, width - 1).trimEnd()}…`);
      return out;
    }
  }
  if (line !== '') out.push(line);
  return out;
}

export interface CardSpec {
  title?: string;
  discipline: Discipline;
  kind: string;
}

/** The card as SVG (trusted: drawn here, never from an upload). */
export function cardSvg(spec: CardSpec): string {
  const colour = COLOURS[spec.discipline];
  const label = `${KIND_LABELS[spec.kind] ?? ''} · ${disciplines.label(spec.discipline, 'fr')}`;
  const lines = spec.title === undefined ? [] : wrap(spec.title, 26, 3);
  const lineHeight = 46;
  const firstY = CARD.height - 44 - (lines.length - 1) * lineHeight;
  const title = lines.map((line, index) => `<text x="40" y="${firstY + index * lineHeight}" font-size="38" font-weight="bold">${escapeXml(line)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD.width}" height="${CARD.height}" viewBox="0 0 ${CARD.width} ${CARD.height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="#000" stop-opacity="0.35"/></linearGradient></defs>
<rect width="100%" height="100%" fill="${colour}"/><rect width="100%" height="100%" fill="url(#g)"/>
<circle cx="${CARD.width - 130}" cy="120" r="150" fill="#fff" opacity="0.08"/>
<g transform="translate(${CARD.width - 200} 36) scale(1.5)" opacity="0.92">${PICTOGRAMS[spec.discipline]}</g>
<g font-family="DejaVu Sans, Verdana, sans-serif" fill="#fff">
<text x="40" y="62" font-size="22" opacity="0.9">${escapeXml(label)}</text>${title}</g>
</svg>`;
}

/** Renders a card to JPEG bytes (what a contributor's upload would be). */
export async function renderCard(spec: CardSpec): Promise<Buffer> {
  return sharp(Buffer.from(cardSvg(spec))).jpeg({ quality: 82 }).toBuffer();
}

const SEED_PATH = /\/media\/seed\/[^\s)"']+/g;

/**
 * Swaps the generator's placeholder images for cards stored as uploads, in place. One card
 * per title while few have been made; identical cards are rendered once.
 */
export class SeedIllustrator {
  private readonly made = new Map<string, Promise<string>>();
  private titled = 0;

  constructor(
    private readonly media: MediaService,
    private readonly baseUrl: string,
  ) {}

  get cards(): number {
    return this.made.size;
  }

  private async card(spec: CardSpec): Promise<string> {
    const key = JSON.stringify(spec);
    let url = this.made.get(key);
    if (url === undefined) {
      url = renderCard(spec).then(async (bytes) => (await this.media.upload(bytes, null, { widths: CARD_WIDTHS })).url);
      this.made.set(key, url);
    }
    return url;
  }

  async illustrate(kind: string, input: Record<string, unknown>): Promise<void> {
    const prefix = `${this.baseUrl}/media/seed/`;
    const titleText = String(input.title ?? input.name ?? '');
    const listed = Array.isArray(input.disciplines) ? (input.disciplines as unknown[]) : [];
    const first = listed.find((value): value is Discipline => typeof value === 'string' && disciplines.has(value));
    const discipline: Discipline = first ?? 'science-society';
    const spec = (): CardSpec => {
      this.titled += 1;
      return this.titled <= TITLED_CARDS && titleText !== '' ? { title: titleText, discipline, kind } : { discipline, kind };
    };
    for (const key of ['image', 'logo']) {
      const image = input[key] as { url?: unknown } | undefined;
      if (typeof image?.url !== 'string' || !image.url.startsWith(prefix)) continue;
      const url = await this.card(spec());
      const label = disciplines.label(discipline, 'fr');
      input[key] = { url, alt: titleText === '' ? `Visuel : ${label}` : `Visuel « ${titleText} » (${label})`, credit: 'Visuel de démonstration' };
    }
    // Markdown bodies may show a picture too (an article's report on its event).
    for (const key of ['body', 'description']) {
      const text = input[key];
      if (typeof text !== 'string' || !text.includes(prefix)) continue;
      const url = await this.card(spec());
      input[key] = text.replace(SEED_PATH, () => url.slice(this.baseUrl.length));
    }
  }
}
