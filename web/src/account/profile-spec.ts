/** The member profile form (MemberProfileInput in shared/src/schema/member.ts), as field specs. */
import '../i18n/strings-contribute.ts';
import { contactVisibilities, disciplines, regions } from '@constellation/shared';
import type { FieldSpec } from '../contribute/form-spec.ts';

export const PROFILE_FIELDS: FieldSpec[] = [
  { kind: 'line', name: 'displayName', label: 'contribDisplayName', required: true, maxLength: 100 },
  { kind: 'line', name: 'headline', label: 'contribFieldHeadline', maxLength: 500 },
  { kind: 'markdown', name: 'bio', label: 'contribFieldBio', hint: 'contribHintMarkdown' },
  { kind: 'list', name: 'skills', label: 'contribFieldSkills', hint: 'contribHintList' },
  { kind: 'multi', name: 'disciplines', label: 'contribFieldDisciplines', vocabulary: disciplines },
  { kind: 'select', name: 'region', label: 'contribFieldRegion', vocabulary: regions },
  { kind: 'email', name: 'contact.email', label: 'contribFieldProfileEmail' },
  { kind: 'tel', name: 'contact.phone', label: 'contribFieldPhone' },
  { kind: 'url', name: 'contact.website', label: 'contribFieldWebsite' },
  // Contact details are private until their owner says who may read them (the hub enforces it).
  { kind: 'select', name: 'contactVisibility', label: 'contribFieldContactVisibility', hint: 'contribHintContactVisibility', vocabulary: contactVisibilities, fallback: 'nobody' },
  { kind: 'checkbox', name: 'listed', label: 'contribFieldListed' },
];
