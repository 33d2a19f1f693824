/**
 * The dashboard's one HTML page. Asset URLs are relative, so the page also works when the app is
 * mounted under a path prefix; all data comes from `api/v1` with the bearer token (the page is public).
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Rollouts</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/app.css">
<script type="module" src="assets/app.js"></script>
</head>
<body>
<header class="top">
  <a class="brand" href="#/"><span aria-hidden="true">⟳</span> Rollouts</a>
  <label class="ns"><span class="sr">Namespace</span><select id="ns" aria-label="Namespace" hidden></select></label>
  <span id="live" class="live" title="live updates"></span>
  <button id="signout" class="link" type="button" hidden>Sign out</button>
</header>
<div id="banner" class="banner" role="alert" hidden></div>
<main id="main"><p class="muted">Loading…</p></main>
<footer id="foot" class="foot"></footer>
</body>
</html>
`;
