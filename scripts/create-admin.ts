// Creates an admin account: the only way to get the ADMIN role.
//   npm run admin:create -- --email ops@example.com --name "Ops Person"
// The password is read from ADMIN_PASSWORD, or asked for on the terminal.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '@mm/config';
import { createPrismaClient } from '@mm/db';
import { email, password as passwordRule } from '@mm/identity/accounts';
import { buildIdentityServices } from '@mm/identity/app';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
if (!values.email || !values.name) {
  console.error(
    'usage: npm run admin:create -- --email <email> --name "<full name>"  (password from ADMIN_PASSWORD or prompt)',
  );
  process.exit(2);
}
let password = process.env.ADMIN_PASSWORD;
if (!password) {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question('Password (10+ characters): ');
  rl.close();
}
const config = loadConfig();
const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 1 });
try {
  const { accounts } = buildIdentityServices({ config, prisma });
  const session = await accounts.register(
    {
      email: email.parse(values.email),
      password: passwordRule.parse(password),
      role: 'ADMIN',
      fullName: values.name,
      timezone: 'UTC',
    },
    null,
  );
  console.log(`admin created: ${session.user.email}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
}
