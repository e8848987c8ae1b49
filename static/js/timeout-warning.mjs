// GOV.UK timeout warning: two minutes before the idle limit a modal dialog offers
// "Stay signed in" (a request, which the server counts as activity) or "Sign out".
// At the limit the page goes to the sign-in page; the server has ended the session anyway.
const MINUTE = 60;

function words(seconds) {
  if (seconds >= MINUTE) {
    const minutes = Math.ceil(seconds / MINUTE);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

export function initTimeoutWarning(dialog) {
  if (!dialog || typeof dialog.showModal !== "function") return;
  const idle = Number(dialog.dataset.idleSeconds);
  const warning = Number(dialog.dataset.warningSeconds);
  const countdown = dialog.querySelector(".portal-timeout__countdown");
  const form = dialog.querySelector(".portal-timeout__form");
  let deadline;
  let warnTimer;
  let tick;

  // Once: a second assign while the first page is loading would cancel it, and the server's
  // "you were signed out" message would go to the cancelled request.
  function signedOut() {
    window.clearTimeout(warnTimer);
    window.clearInterval(tick);
    window.location.assign(dialog.dataset.signedOutUrl);
  }

  function showWarning() {
    dialog.showModal();
    dialog.querySelector("button").focus();
    tick = window.setInterval(() => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      // Screen readers hear the minutes, not every second.
      countdown.textContent = words(left);
      if (left === 0) signedOut();
    }, 1000);
  }

  function restart() {
    window.clearTimeout(warnTimer);
    window.clearInterval(tick);
    deadline = Date.now() + idle * 1000;
    countdown.textContent = words(warning);
    warnTimer = window.setTimeout(showWarning, (idle - warning) * 1000);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    });
    if (!response.ok) {
      signedOut();
      return;
    }
    dialog.close();
    restart();
  });
  // Escape would close the dialog without telling the server; treat it as "Stay signed in".
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    form.requestSubmit();
  });
  restart();
}

initTimeoutWarning(document.querySelector('[data-module="portal-timeout-warning"]'));
