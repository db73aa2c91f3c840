/**
 * The hub's refusals in the reader's language. The API words each issue in English as
 * "<field> <reason>" (shared/src/validate.ts): forms show the field's own label beside
 * it, so the path is dropped, and the reasons the forms can meet are said in French.
 * A reason this table does not know is shown as the API wrote it rather than hidden.
 */
import type { Locale } from '@constellation/shared';

type Rule = [RegExp, (...groups: string[]) => string];

const plural = (count: string, one: string, many: string) => (count === '1' ? one : many);

const FRENCH: Rule[] = [
  [/^is required$/, () => 'est obligatoire'],
  [/^must not be blank$/, () => 'est obligatoire'],
  [/^must not have fewer than (\d+) characters?$/, (n = '1') => (n === '1' ? 'est obligatoire' : `doit contenir au moins ${n} caractères`)],
  [/^must not have more than (\d+) characters?$/, (n = '') => `doit contenir au plus ${n} caractères`],
  [/^must not have fewer than (\d+) items?$/, (n = '1') => `doit en contenir au moins ${n}`],
  [/^must not have more than (\d+) items?$/, (n = '') => `doit en contenir au plus ${n}`],
  [/^must be greater or equal to (\S+)$/, (n = '') => `doit être supérieur ou égal à ${n}`],
  [/^must be less or equal to (\S+)$/, (n = '') => `doit être inférieur ou égal à ${n}`],
  [/^must be one of/, () => 'doit être choisi dans la liste'],
  [/^does not match any of the allowed forms$/, () => "n'a pas une forme acceptée"],
  [/^is not an allowed field$/, () => "n'est pas un champ accepté"],
  [/^must be a single line without control characters$/, () => 'doit tenir sur une ligne'],
  [/^must be an absolute http or https URL without credentials$/, () => 'doit être une adresse web complète (http:// ou https://)'],
  [/^must be an email address$/, () => 'doit être une adresse e-mail valide'],
  [/^must be a phone number/, () => 'doit être un numéro de téléphone'],
  [/^must be a 5-digit postal code$/, () => 'doit être un code postal à 5 chiffres'],
  [/^must be the 5-character INSEE code/, () => 'doit être un code INSEE de commune (5 caractères)'],
  [/^must be a language tag/, () => 'doit être un code de langue comme fr ou en'],
  [/^must be an IANA time zone/, () => 'doit être un fuseau horaire comme Europe/Paris'],
  [/^must be a real date/, () => 'doit être une date valide'],
  [/^must be a (real )?local date-time/, () => 'doit être une date et une heure valides'],
  [/^must be an RFC 3339 date-time/, () => 'doit être une date et une heure valides'],
  [/^must match format "date-time"$/, () => 'doit être une date et une heure valides'],
  [/^must match format "date"$/, () => 'doit être une date valide'],
  [/^must match format "(email|idn-email)"$/, () => 'doit être une adresse e-mail valide'],
  [/^must match format "(uri|url)"$/, () => 'doit être une adresse web valide'],
  [/^must be a time written HH:MM/, () => 'doit être une heure (HH:MM)'],
  [/^must not be before start$/, () => 'ne doit pas précéder le début'],
  [/^must not be before startDate$/, () => 'ne doit pas précéder la date de début'],
  [/^must not be below min$/, () => 'ne doit pas être inférieur au minimum'],
  [/^must be at most (\d+) days after start$/, (n = '') => `doit être au plus ${n} ${plural(n, 'jour', 'jours')} après le début`],
  [/^is required for an image uploaded to this hub$/, () => 'est obligatoire pour une image envoyée sur ce site'],
  [/^is not an image uploaded to this hub/, () => 'n’est pas une image envoyée sur ce site : envoyez-la d’abord'],
  [/^is required unless recurrence is given$/, () => 'est obligatoire (au moins une date, ou une récurrence)'],
  [/^cannot be given together with timings$/, () => 'ne peut pas accompagner des dates fixes'],
  [/^is required when attendanceMode is/, () => 'est obligatoire pour ce mode de participation'],
  [/^must give at least a name, an address, a commune or coordinates$/, () => 'doit indiquer au moins un nom, une adresse, une commune ou des coordonnées'],
  [/^is required when (lat|lon) is given$/, () => 'est obligatoire avec l’autre coordonnée'],
  [/^a url, email or phone is required when registration is required$/, () => 'un lien, un e-mail ou un téléphone est obligatoire quand l’inscription l’est'],
  [/^is not a valid RRULE: (.*)$/, (why = '') => `n'est pas une règle de récurrence valide (${why})`],
  [/^UNTIL is before start/, () => 'se termine avant la première date : aucune occurrence'],
  [/^UNTIL must be a date/, () => 'doit finir à une date (AAAAMMJJ)'],
];

/** The reason alone: "timings.0.end must not be before start" → "must not be before start". */
export function reasonOf(issue: { field: string; message: string }): string {
  const prefixes = [issue.field, issue.field.replace(/^(body|query|params)\./, ''), 'the value'].filter((prefix) => prefix !== '');
  for (const prefix of prefixes) if (issue.message.startsWith(`${prefix} `)) return issue.message.slice(prefix.length + 1);
  return issue.message;
}

/** An issue's reason, in the reader's language when the table knows it. */
export function apiMessage(issue: { field: string; message: string }, locale: Locale): string {
  const reason = reasonOf(issue);
  if (locale !== 'fr') return reason;
  for (const [pattern, say] of FRENCH) {
    const match = pattern.exec(reason);
    if (match !== null) return say(...match.slice(1).map((group) => group ?? ''));
  }
  return reason;
}
