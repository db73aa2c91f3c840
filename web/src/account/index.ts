/** What tests see of web/src/account. */
export { safeNextPath, pathAfterLogin } from './next-path.ts';
export { loginFailureMessage, LoginPage } from './login-page.tsx';
export { SignupPage } from './signup-page.tsx';
export { AccountPage, profileValues } from './account-page.tsx';
export { MembersPage, membersQuery } from './members-page.tsx';
export { MemberPage } from './member-page.tsx';
export { PROFILE_FIELDS } from './profile-spec.ts';
