import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import express from 'express';

/** Every `<file>.gz` under `root`, keyed by the URL path of the file it compresses. */
function gzippedFiles(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.gz')) {
        const original = full.slice(0, -'.gz'.length);
        found.set(`/${path.relative(root, original).split(path.sep).join('/')}`, full);
      }
    }
  };
  walk(root);
  return found;
}

function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    if (coding?.trim().toLowerCase() !== 'gzip') return false;
    return !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

/**
 * Serves the build's precompressed `.gz` twin of a file to clients that accept gzip (the web build
 * writes them, apps/web/precompress.ts), and everything else as express.static would. The set of
 * twins is read once at startup, so a request path is only ever matched against known files.
 */
export function staticWithPrecompressed(root: string, maxAge: string): RequestHandler {
  const gzipped = gzippedFiles(root);
  const plain = express.static(root, { index: false, maxAge });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(req, res, next);
    const twin = gzipped.get(req.path);
    res.vary('Accept-Encoding');
    if (!twin || !acceptsGzip(req.get('accept-encoding'))) return plain(req, res, next);
    // send() keeps a Content-Type already set, so the .gz file is typed as what it holds.
    res.type(path.extname(req.path));
    res.setHeader('Content-Encoding', 'gzip');
    res.sendFile(twin, { maxAge }, (error) => {
      if (!error) return;
      // The twin went missing after startup: the plain file may still be there.
      if (res.headersSent) return next(error);
      res.removeHeader('Content-Encoding');
      plain(req, res, next);
    });
  };
}
