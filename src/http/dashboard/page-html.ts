import { el, type Html } from './html.js';

/** What the server knows when it writes the page: the first view, and who it is for. */
export interface PageParts {
  /** The markup of `<main>`: the first view (issue 19). */
  main: Html;
  /** The view's key (`list:<ns>`, `rollout:<ns>/<name>`): the script keeps the markup until live data for it arrives. */
  view?: string;
  /** The view cookie was valid: the header shows Sign out and the footer the version. */
  signedIn: boolean;
  /** The footer text when signed in, e.g. `serverless-rollouts 0.1.0 (node)`. */
  foot?: string;
}

/**
 * The dashboard's one HTML page. Asset URLs are relative, so the page also works when the app is
 * mounted under a path prefix. `<main>` holds the first view rendered on the server (data only for
 * a request with the view cookie); the module script then takes over with live updates from
 * `api/v1`, which needs the bearer token.
 */
export function buildPageHtml(parts: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rollouts</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/app.css">
<script type="module" src="assets/app.js"></script>
</head>
<body${parts.signedIn ? ' data-session="view"' : ''}>
<header class="top">
  <a class="brand" href="#/"><span aria-hidden="true">⟳</span> Rollouts</a>
  <a class="nav" id="nav-releases" href="#/releases">Releases</a>
  <label class="ns"><span class="sr">Namespace</span><select id="ns" aria-label="Namespace" hidden></select></label>
  <span id="live" class="live" title="live updates"></span>
  <button id="signout" class="link" type="button"${parts.signedIn ? '' : ' hidden'}>Sign out</button>
</header>
<div id="banner" class="banner" role="alert" hidden></div>
${el('main', { id: 'main', 'data-view': parts.view }, parts.main).markup}
${el('footer', { id: 'foot', class: 'foot' }, parts.signedIn ? parts.foot : undefined).markup}
</body>
</html>
`;
}
