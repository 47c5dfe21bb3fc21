// recpub serve: live reload, the build-error overlay and the preview notice. `serve` injects this into the HTML it
// serves; `build` output never contains it. The overlay is built with textContent only, so
// diagnostics (which quote content) can never become markup.
(() => {
  const OVERLAY_ID = '__recpub-overlay';
  const events = new EventSource('/__recpub/events');

  function clearOverlay() {
    document.getElementById(OVERLAY_ID)?.remove();
  }

  function showOverlay(text) {
    clearOverlay();
    const box = document.createElement('div');
    box.id = OVERLAY_ID;
    box.setAttribute('role', 'alert');
    box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;'
      + 'max-height:60vh;overflow:auto;margin:0;padding:1rem;background:#1d1d1d;color:#fff;'
      + 'border-top:4px solid #d0342c;font:14px/1.45 ui-monospace,monospace;';
    const title = document.createElement('p');
    title.style.cssText = 'margin:0 0 .5rem;font-weight:bold;color:#fff;';
    title.textContent = 'recpub: the site did not build. Showing the last good build; '
      + 'fix the error and this page reloads.';
    const pre = document.createElement('pre');
    pre.style.cssText = 'margin:0;white-space:pre-wrap;color:#fff;background:none;';
    pre.textContent = text;
    box.append(title, pre);
    document.body.append(box);
  }

  // A build that `check` would refuse (a change the draft release note does not name) is still
  // served: a notice at the top says so, without covering the page, and can be closed.
  const NOTICE_ID = '__recpub-notice';
  function showNotice(text) {
    document.getElementById(NOTICE_ID)?.remove();
    const box = document.createElement('div');
    box.id = NOTICE_ID;
    box.setAttribute('role', 'status');
    box.style.cssText = 'position:fixed;left:0;right:0;top:0;z-index:2147483646;'
      + 'max-height:40vh;overflow:auto;margin:0;padding:.75rem 1rem;background:#fff8db;'
      + 'color:#1d1d1d;border-bottom:4px solid #b58100;font:14px/1.45 ui-monospace,monospace;';
    const title = document.createElement('p');
    title.style.cssText = 'margin:0 0 .5rem;font-weight:bold;color:#1d1d1d;';
    title.textContent = 'recpub: a preview, not yet publishable. recpub check, build and '
      + 'release refuse it until the note of the next release names every changed recommendation.';
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Close';
    close.style.cssText = 'float:right;margin-left:1rem;font:inherit;';
    close.addEventListener('click', () => box.remove());
    const pre = document.createElement('pre');
    pre.style.cssText = 'margin:0;white-space:pre-wrap;color:#1d1d1d;background:none;';
    pre.textContent = text;
    box.append(close, title, pre);
    document.body.append(box);
  }

  // Cache-busting query: the browser refetches each stylesheet, the page keeps its state.
  function swapStylesheets() {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set('recpub-reload', String(Date.now()));
      link.href = url.href;
    }
  }

  // For tests and the curious: whether the stream is connected.
  events.addEventListener('open', () => { window.__recpubLive = 'open'; });
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('notice', (e) => showNotice(e.data));
  events.addEventListener('css', () => {
    clearOverlay();
    swapStylesheets();
  });
  // A lost connection also fires "error" (a plain Event); only server messages carry data.
  events.addEventListener('error', (e) => {
    if (e instanceof MessageEvent) showOverlay(e.data);
  });
})();
