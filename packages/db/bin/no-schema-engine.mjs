#!/usr/bin/env node
// Stand-in for Prisma's native schema engine, which cannot be downloaded
// here. `prisma generate` never runs it; migrations use `npm run db:migrate`.
console.error("native schema engine not installed; use the project's migrate command: npm run db:migrate");
process.exit(1);
