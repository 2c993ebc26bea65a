/*
 * The section page's autosave: every outcome of a save is visible beside its question.
 *
 * Each question card (data-autosave) posts itself on change (htmx). The server explains a
 * refusal (400) or a conflict (409) in the status fragment, which htmx-config.js swaps in.
 * Here: a server error, a lost connection or an ended session shows "Not saved" with a retry
 * button and retries by itself; a banner counts the answers not saved; leaving the page with
 * unsaved answers asks first; fields that only matter sometimes appear when they matter.
 * Texts come from the page (translated there), never from this file.
 */
(function () {
  "use strict";
  const form = document.getElementById("section-form");
  if (!form) return;
  const banner = document.getElementById("unsaved-banner");
  const baseDelay = 1000 * Number(form.dataset.retrySeconds || 5);
  const state = new Map(); // question id -> "dirty" | "pending" | "failed" | "refused"
  const timers = new Map();
  const attempts = new Map();
  let submitting = false;

  function cardOf(element) {
    return element && element.closest ? element.closest("[data-autosave]") : null;
  }

  function text(id) {
    const node = document.getElementById(id);
    return node ? node.textContent.trim() : id;
  }

  function setState(card, value) {
    const id = card.dataset.question;
    if (value) state.set(id, value);
    else state.delete(id);
    card.classList.toggle("question-unsaved", value === "failed" || value === "refused");
    updateBanner();
  }

  function unsavedIds() {
    return [...state].filter(([, s]) => s === "failed" || s === "refused").map(([id]) => id);
  }

  function updateBanner() {
    if (!banner) return;
    const ids = unsavedIds();
    banner.hidden = ids.length === 0;
    if (!ids.length) return;
    const template = ids.length === 1 ? text("msg-unsaved-one") : text("msg-unsaved-many");
    banner.querySelector("[data-count]").textContent = template.replace("%(n)s", ids.length);
    banner.querySelector("[data-first]").setAttribute("href", "#q-" + ids[0]);
  }

  function save(card) {
    clearTimeout(timers.get(card.dataset.question));
    htmx.trigger(card, "change");
  }

  function showFailure(card, reasonId) {
    const id = card.dataset.question;
    const status = document.getElementById("status-" + id);
    const tries = (attempts.get(id) || 0) + 1;
    attempts.set(id, tries);
    const delay = Math.min(baseDelay * 2 ** (tries - 1), 60000);
    status.className = "save-status small text-danger ms-auto";
    status.replaceChildren(document.getElementById("tpl-not-saved").content.cloneNode(true));
    status.querySelector("[data-reason]").textContent = text(reasonId);
    status.querySelector("[data-next]").textContent = text("msg-retrying").replace(
      "%(s)s",
      Math.round(delay / 1000),
    );
    setState(card, "failed");
    timers.set(id, setTimeout(() => save(card), delay));
  }

  form.addEventListener("input", function (event) {
    const card = cardOf(event.target);
    if (card && !state.has(card.dataset.question)) setState(card, "dirty");
  });

  form.addEventListener("htmx:beforeRequest", function (event) {
    const card = cardOf(event.target);
    if (card) setState(card, "pending");
  });

  form.addEventListener("htmx:afterRequest", function (event) {
    const card = cardOf(event.target);
    if (!card) return;
    const xhr = event.detail.xhr;
    const id = card.dataset.question;
    const sessionEnded =
      xhr.responseURL && new URL(xhr.responseURL).pathname.indexOf("/accounts/login/") === 0;
    if (xhr.status === 0) {
      showFailure(card, navigator.onLine ? "msg-no-answer" : "msg-offline");
    } else if (sessionEnded) {
      showFailure(card, "msg-session");
    } else if (xhr.status === 400 || xhr.status === 409) {
      attempts.delete(id);
      setState(card, "refused"); // the reason or the choice is shown; the person decides
    } else if (xhr.status === 403) {
      showFailure(card, "msg-forbidden");
    } else if (xhr.status >= 400) {
      showFailure(card, "msg-server-error");
    } else {
      attempts.delete(id);
      setState(card, null);
    }
  });

  form.addEventListener("click", function (event) {
    const retry = event.target.closest("[data-retry]");
    if (retry) save(cardOf(retry));
    const discard = event.target.closest("[data-discard]");
    if (discard) setState(cardOf(discard), null); // "take theirs": the reload drops mine
  });

  if (banner) {
    banner.querySelector("[data-retry-all]").addEventListener("click", function () {
      unsavedIds().forEach((id) => save(document.getElementById("q-" + id)));
    });
  }

  window.addEventListener("online", function () {
    [...state].filter(([, s]) => s === "failed").forEach(([id]) => {
      save(document.getElementById("q-" + id));
    });
  });

  form.addEventListener("submit", function () {
    submitting = true; // "Save draft" sends every answer on the page
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || state.size === 0) return;
    event.preventDefault();
    event.returnValue = ""; // the browser shows its own "Leave site?" question
  });

  // Fields that only matter sometimes: the N/A reason when N/A is ticked, the support needed
  // when the answer falls short of the target (or when a support choice is already made).
  function belowTarget(card, block) {
    const own = card.querySelector("[name$='-target']");
    const target = Number(own && own.value !== "" ? own.value : block.dataset.shownBelowTarget);
    const chosen = card.querySelector("input[type=radio][name$='-value']:checked") ||
      card.querySelector("input[type=number][name$='-value']");
    if (!chosen || chosen.value === "" || chosen.value === "na" || Number.isNaN(target)) {
      return false; // not answered yet, or "Not applicable"
    }
    const value = Number(chosen.value);
    return block.dataset.better === "lower" ? value > target : value < target;
  }
  function revealFor(card) {
    card.querySelectorAll("[data-shown-when]").forEach(function (block) {
      const control = card.querySelector(block.dataset.shownWhen);
      block.hidden = control ? !control.checked : false;
    });
    card.querySelectorAll("[data-shown-below-target]").forEach(function (block) {
      const select = block.querySelector("select");
      block.classList.toggle("d-none", !(belowTarget(card, block) || (select && select.value !== "")));
    });
  }
  form.addEventListener("change", function (event) {
    const card = cardOf(event.target);
    if (card) revealFor(card);
  });
  form.querySelectorAll("[data-autosave]").forEach(revealFor);
})();
