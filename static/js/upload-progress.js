// A progress bar while htmx uploads a file, and a clear message when the connection drops.
document.addEventListener("htmx:xhr:progress", function (event) {
  const box = document.getElementById("upload-progress");
  if (!box || !event.detail.lengthComputable) return;
  box.hidden = false;
  document.getElementById("upload-bar").value = Math.round((event.detail.loaded / event.detail.total) * 100);
});
document.addEventListener("htmx:afterRequest", function () {
  const box = document.getElementById("upload-progress");
  if (box) box.hidden = true;
});
document.addEventListener("htmx:sendError", function () {
  const result = document.getElementById("upload-result");
  if (result) result.innerHTML = '<div class="alert alert-danger" role="alert">' + result.dataset.offline + "</div>";
});
document.addEventListener("htmx:responseError", function () {
  const result = document.getElementById("upload-result");
  if (result) result.innerHTML = '<div class="alert alert-danger" role="alert">' + result.dataset.failed + "</div>";
});
