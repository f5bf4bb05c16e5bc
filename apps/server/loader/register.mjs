// `node --import ./loader/register.mjs src/main.ts` (plus V8 flags, src/nodeArgs.ts): how the
// server runs, in production, in tests and in the bench. tsx would do, but its esbuild `keepNames`
// gives every function an own `name` property: about 300 bytes for each closure the server makes
// per connection. (`pnpm dev` still runs tsx, for its watch mode.)
import { register } from 'node:module';

// Stack traces point into the TypeScript sources (the hooks inline a source map).
process.setSourceMapsEnabled(true);
register('./hooks.mjs', import.meta.url);
