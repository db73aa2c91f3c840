/** The words of the portal's console pages (keys prefixed "console"). */
const fr = {
  consolePlaceholder: '…',
} as const;

const en: Record<keyof typeof fr, string> = {
  consolePlaceholder: '…',
};

export const CONSOLE_STRINGS = { fr, en };
