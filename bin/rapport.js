#!/usr/bin/env node
// Rapport runs TypeScript directly, which needs Node 24. Inside npm scripts node_modules/.bin puts the
// pinned Node 24 first on PATH; elsewhere, say so plainly instead of failing on a .ts import.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `rapport needs Node.js 24 or later (this is ${process.version}). Run it as "npx rapport ..." or "npm run rapport -- ...".`,
  );
  process.exit(2);
}
await import('../src/cli/main.ts');
