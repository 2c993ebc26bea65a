/*
 * How htmx treats the server's answers, once for the whole site.
 *
 * htmx 2 drops 4xx/5xx responses by default, so a refusal the server explains (400: the
 * input is refused, with the reason; 409: someone else changed it, with the choice) would be
 * invisible. Those two are swapped into their target like a success. Every other 4xx/5xx is
 * an error that is never swapped (a 500 page must not replace the page someone is working
 * in); pages that care listen to htmx:responseError and htmx:sendError (see autosave.js).
 *
 * In DEBUG, django-htmx replaces the whole page with any 400/403/404/500 response; explained
 * refusals and requests from elements marked data-keep-page stop before it sees them.
 */
(function () {
  "use strict";
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "400", swap: true, error: false },
    { code: "409", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
    { code: "...", swap: false },
  ];

  document.body.addEventListener("htmx:beforeOnLoad", function (event) {
    const status = event.detail.xhr.status;
    if (status === 400 || status === 409 || event.target.closest("[data-keep-page]")) {
      event.stopPropagation(); // not up to django-htmx's debug handler on document
    }
  });

  // A request whose answer was the login page (the session ended) is not a success.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    const xhr = event.detail.xhr;
    if (xhr.responseURL && new URL(xhr.responseURL).pathname.indexOf("/accounts/login/") === 0) {
      event.detail.shouldSwap = false;
      event.detail.isError = true;
      event.detail.sessionEnded = true;
    }
  });
})();
