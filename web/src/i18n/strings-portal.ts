/** The words of the portal's portal pages (keys prefixed "portal"). */
const fr = {
  portalPlaceholder: '…',
} as const;

const en: Record<keyof typeof fr, string> = {
  portalPlaceholder: '…',
};

export const PORTAL_STRINGS = { fr, en };
