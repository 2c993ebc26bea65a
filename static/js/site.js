// Site-wide behaviour, kept out of the HTML so the Content-Security-Policy can forbid inline
// script. A <select data-submit-on-change> sends its form as soon as a choice is made (the
// language menu); a <noscript> button does the same without JavaScript.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.hasAttribute("data-submit-on-change")) {
    field.form.submit();
  }
});
