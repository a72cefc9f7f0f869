// @ts-check
// A module: its names do not leak into the page's global scope.
export {};
// The warning before the session ends, on signed-in pages only (components/SessionTimeout.astro).
// The time left comes from the server as a count of seconds; only differences of the phone's
// clock are used, so a wrong clock does not matter, and a phone waking from sleep checks at once.
const dialog = document.getElementById('session-timeout');
if (dialog instanceof HTMLDialogElement) watch(dialog);

/** @param {HTMLDialogElement} dialog */
function watch(dialog) {
  const countdown = /** @type {HTMLElement} */ (document.getElementById('session-timeout-countdown'));
  const problem = /** @type {HTMLElement} */ (document.getElementById('session-timeout-problem'));
  const final = /** @type {HTMLElement} */ (document.getElementById('session-timeout-final'));
  const stay = /** @type {HTMLButtonElement} */ (document.getElementById('session-timeout-stay'));
  const warningMs = Number(dialog.dataset['warningSeconds']) * 1000;
  const status = dialog.dataset['status'] ?? '';
  let endsAt = Date.now() + Number(dialog.dataset['secondsLeft']) * 1000;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let shownMinutes = 0;
  let busy = false;
  /** Near the absolute end staying is not possible; once the applicant has read that, leave them be. */
  let dismissed = false;

  /** Asks the server how long is left; POST also keeps the session alive. Undefined: ended. */
  async function secondsLeft(/** @type {'GET' | 'POST'} */ method) {
    const response = await fetch(status, { method, credentials: 'same-origin' });
    if (response.status === 401) return undefined;
    if (!response.ok) throw new Error(String(response.status));
    return /** @type {{ secondsLeft: number }} */ (await response.json()).secondsLeft;
  }

  /** The session has ended: this page's address leads to sign-in and, after it, back here. */
  function signInAgain() {
    window.location.assign(window.location.pathname);
  }

  function showProblem() {
    problem.textContent = problem.dataset['message'] ?? '';
  }

  async function atTheEnd() {
    try {
      // Another tab may have kept the session alive: ask before leaving the page.
      const left = await secondsLeft('GET');
      if (left === undefined || left <= 0) return signInAgain();
      endsAt = Date.now() + left * 1000;
      check();
    } catch {
      showProblem();
      timer = setTimeout(() => void atTheEnd(), 15_000);
    }
  }

  function check() {
    clearTimeout(timer);
    const left = endsAt - Date.now();
    if (left <= 0) {
      void atTheEnd();
      return;
    }
    if (left > warningMs) {
      if (dialog.open) dialog.close();
      timer = setTimeout(check, Math.min(left - warningMs, 60_000));
      return;
    }
    const minutes = Math.max(1, Math.ceil(left / 60_000));
    // The text changes once a minute, so a screen reader is not interrupted every second.
    if (minutes !== shownMinutes) {
      shownMinutes = minutes;
      countdown.textContent = dialog.getAttribute(`data-minutes-${String(minutes)}`) ?? countdown.textContent;
    }
    if (!dialog.open && !dismissed) dialog.showModal();
    timer = setTimeout(check, Math.min(left, 1000));
  }

  async function staySignedIn() {
    // A guard rather than `disabled`: a disabled button would drop the keyboard focus.
    if (busy) return;
    busy = true;
    stay.setAttribute('aria-disabled', 'true');
    try {
      const left = await secondsLeft('POST');
      if (left === undefined) return signInAgain();
      endsAt = Date.now() + left * 1000;
      problem.textContent = '';
      if (left * 1000 <= warningMs) {
        // The session's absolute limit is near: it cannot be extended any further.
        stay.hidden = true;
        final.hidden = false;
        final.focus();
      } else {
        shownMinutes = 0;
        dialog.close();
      }
      check();
    } catch {
      showProblem();
    } finally {
      busy = false;
      stay.removeAttribute('aria-disabled');
    }
  }

  stay.addEventListener('click', () => void staySignedIn());
  // Escape means "not now": the same as staying signed in, or, when that is no longer possible, closing.
  dialog.addEventListener('cancel', (event) => {
    if (!stay.hidden) {
      event.preventDefault();
      void staySignedIn();
    } else {
      dismissed = true;
    }
  });
  // Timers sleep with the phone: look again when the page is shown.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  check();
}
