// @ts-check
// A module: its names do not leak into the page's global scope.
export {};
// The warning before the session ends, on signed-in pages only (components/SessionTimeout.astro).
// Times are measured from when this page loaded, with the server's count of seconds left, so a
// wrong clock on the phone does not matter.
const dialog = document.getElementById('session-timeout');
if (dialog instanceof HTMLDialogElement) watch(dialog);

/** @param {HTMLDialogElement} dialog */
function watch(dialog) {
  const countdown = /** @type {HTMLElement} */ (document.getElementById('session-timeout-countdown'));
  const problem = /** @type {HTMLElement} */ (document.getElementById('session-timeout-problem'));
  const stay = /** @type {HTMLButtonElement} */ (document.getElementById('session-timeout-stay'));
  const warningMs = Number(dialog.dataset['warningSeconds']) * 1000;
  const keepAlive = dialog.dataset['keepAlive'] ?? '';
  let endsAt = performance.now() + Number(dialog.dataset['secondsLeft']) * 1000;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let shownMinutes = 0;

  function check() {
    clearTimeout(timer);
    const left = endsAt - performance.now();
    if (left <= 0) {
      // Ended: this page's address takes the applicant to sign in and, after it, back here.
      window.location.assign(window.location.pathname);
      return;
    }
    if (left > warningMs) {
      if (dialog.open) dialog.close();
      timer = setTimeout(check, left - warningMs);
      return;
    }
    const minutes = Math.max(1, Math.ceil(left / 60_000));
    // The text changes once a minute, so a screen reader is not interrupted every second.
    if (minutes !== shownMinutes) {
      shownMinutes = minutes;
      countdown.textContent = dialog.getAttribute(`data-minutes-${String(minutes)}`) ?? countdown.textContent;
    }
    if (!dialog.open) dialog.showModal();
    timer = setTimeout(check, Math.min(left, 1000));
  }

  async function staySignedIn() {
    stay.disabled = true;
    try {
      const response = await fetch(keepAlive, { method: 'POST', credentials: 'same-origin' });
      if (response.status === 401) {
        window.location.assign(window.location.pathname);
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const { secondsLeft } = /** @type {{ secondsLeft: number }} */ (await response.json());
      endsAt = performance.now() + secondsLeft * 1000;
      problem.hidden = true;
      shownMinutes = 0;
      dialog.close();
      check();
    } catch {
      problem.hidden = false;
    } finally {
      stay.disabled = false;
    }
  }

  stay.addEventListener('click', () => void staySignedIn());
  // Escape means "not now": the same as staying signed in.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    void staySignedIn();
  });
  check();
}
