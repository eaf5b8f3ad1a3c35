// Copy buttons for share links; nothing else runs on copydesk's own pages.
document.querySelectorAll("button.copy").forEach(function (b) {
  b.addEventListener("click", function () {
    var input = document.getElementById(b.dataset.copy);
    input.select();
    if (navigator.clipboard) { navigator.clipboard.writeText(input.value).catch(function () {}); }
    b.textContent = "Copied";
  });
});
