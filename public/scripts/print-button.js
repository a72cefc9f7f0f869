// The "Print this page" button: shown only when a script can run, since without one it could
// do nothing (the browser's own Print command and the PDF link remain).
for (const button of document.querySelectorAll('[data-print-button]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
