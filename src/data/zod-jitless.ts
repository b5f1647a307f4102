import { z } from 'zod';

// Imported before any schema is built: zod decides at construction whether to compile a fast path
// with `new Function`, which the strict Content-Security-Policy (no 'unsafe-eval') refuses and reports.
z.config({ jitless: true });
