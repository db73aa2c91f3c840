// The demo's accounts: on each hub, those `hub seed --demo-accounts` creates (the demo knows
// their passwords to print them and to act as a hub's admin), and the national admin the
// demo creates on the aggregator's first run.

const DEMO_PASSWORDS = { admin: 'demo-operateur', moderator: 'demo-moderation', contributor: 'demo-contribution' };
const DEMO_EMAILS = { admin: 'operateur', moderator: 'moderation', contributor: 'contribution' };
/** The names the seed gives them (hub/src/seed/store-seed.ts demoAccounts): what the portal shows once logged in. */
const DEMO_NAMES = { admin: 'Julien Moreau (démo)', moderator: 'Nadia Lefèvre (démo)', contributor: 'Léa Fontaine (démo)' };
/** The national admin (POST /api/v1/auth/login on the aggregator). */
export const NATIONAL_ADMIN = { email: 'admin@national.example.org', password: 'demo-national-admin' };

/** The login of a hub's demo admin. */
export function hubAdmin(hub) {
  return { email: `${DEMO_EMAILS.admin}@${hub.id}.example.org`, password: DEMO_PASSWORDS.admin };
}

/** The accounts, as the demo lists them once it is running. */
export function printAccounts(hubs, nationalUrl, hasWeb) {
  console.log(`\nDemo accounts (log in on each hub's portal at <portal>/login${hasWeb ? '' : ', or with POST /api/v1/auth/login'}; the national admin on the national site):`);
  for (const hub of hubs) {
    console.log(`  ${hub.name}, ${hub.url}/login`);
    for (const role of ['admin', 'moderator', 'contributor']) {
      console.log(`    ${role.padEnd(12)} ${`${DEMO_EMAILS[role]}@${hub.id}.example.org`.padEnd(48)} ${DEMO_PASSWORDS[role].padEnd(18)} ${DEMO_NAMES[role]}`);
    }
  }
  console.log(`  National site, ${nationalUrl}\n    ${'admin'.padEnd(12)} ${NATIONAL_ADMIN.email.padEnd(48)} ${NATIONAL_ADMIN.password}`);
}
