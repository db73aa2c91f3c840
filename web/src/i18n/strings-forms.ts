/**
 * The words every form uses (its required marks and its error summary): part of the core
 * strings, since forms appear on pages every site serves first (follow by e-mail on an event
 * page), which must not pull the contribute pages' words with them.
 */
const fr = {
  formRequiredLegend: 'Les champs marqués d’un astérisque (*) sont obligatoires.',
  formRequired: 'obligatoire',
  formErrorSummary: 'Le formulaire contient des erreurs ({count}) :',
};

const en: Record<keyof typeof fr, string> = {
  formRequiredLegend: 'Fields marked with an asterisk (*) are required.',
  formRequired: 'required',
  formErrorSummary: 'The form has errors ({count}):',
};

export const FORM_STRINGS = { fr, en };
