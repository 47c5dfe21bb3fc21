// The citation block of a recommendation page. Where the site was built without its absolute
// address, the citation's link is completed from the page's own address; a button copies the
// citation, and its result is announced through the block's live region. Without JavaScript
// the citation, its link and its files are all there; only the button is missing.
(() => {
  'use strict';
  const block = document.querySelector('[data-cite]');
  if (!block) return;
  const text = block.querySelector('[data-cite-text]');
  const link = block.querySelector('[data-cite-url]');
  const button = block.querySelector('[data-cite-copy]');
  const status = block.querySelector('[data-cite-status]');
  if (!text || !link || !button || !status) return;

  // `href` as the browser resolved it against the page: the absolute address.
  if (link.hasAttribute('data-relative')) link.textContent = link.href;

  const citation = () => text.textContent.replace(/\s+/g, ' ').trim();

  // Where the clipboard is out of reach (an insecure origin, a refused permission), the
  // citation is selected so that the reader's own copy command takes it.
  const select = () => {
    const range = document.createRange();
    range.selectNodeContents(text);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  };

  button.addEventListener('click', async () => {
    status.textContent = '';
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(citation());
      status.textContent = button.dataset.copied;
    } catch {
      select();
      status.textContent = button.dataset.failed;
    }
  });
  button.parentElement.hidden = false;
})();
