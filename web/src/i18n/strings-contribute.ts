/** The words of the portal's contribute pages (keys prefixed "contribute"). */
const fr = {
  contributePlaceholder: '…',
} as const;

const en: Record<keyof typeof fr, string> = {
  contributePlaceholder: '…',
};

export const CONTRIBUTE_STRINGS = { fr, en };
