import { useSyncExternalStore } from 'react';
import type { Route } from '../lib/routes.ts';
import { parseRoute } from '../lib/routes.ts';

let cachedHref = '';
let cachedRoute: Route = { page: 'create' };

function snapshot(): Route {
  if (window.location.href !== cachedHref) {
    cachedHref = window.location.href;
    cachedRoute = parseRoute(window.location);
  }
  return cachedRoute;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener('hashchange', onChange);
  };
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
