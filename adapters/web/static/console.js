// The console's only script: the compose form's live recipient count and a broadcast report's live
// progress (polling the JSON API). Pages work without it; nothing here loads anything from elsewhere.
"use strict";

function showRecipientCount() {
  const select = document.getElementById("audience");
  const out = document.getElementById("recipient-count");
  if (!select || !out) return;
  const update = async () => {
    const url = select.dataset.countUrl + "?audience=" + encodeURIComponent(select.value);
    const response = await fetch(url, { credentials: "same-origin" });
    if (!response.ok) return;
    const body = await response.json();
    out.textContent = out.dataset.template.replace("{count}", String(body.count));
    out.dataset.count = String(body.count);
  };
  select.addEventListener("change", update);
  update();
}

function followReport() {
  const report = document.getElementById("report");
  if (!report) return;
  const fields = ["sent", "pending", "retrying", "unreachable", "failed", "total"];
  const poll = async () => {
    const response = await fetch(report.dataset.url, { credentials: "same-origin" });
    if (response.ok) {
      const body = await response.json();
      for (const name of fields) {
        document.getElementById("count-" + name).textContent = String(body[name]);
      }
      document.getElementById("progress").value = body.percent;
      document.getElementById("percent").textContent = body.percent + " %";
      if (body.total > 0 && body.percent === 100) {
        report.dataset.done = "yes";
        return;
      }
    }
    window.setTimeout(poll, 1000);
  };
  if (report.dataset.done !== "yes") poll();
}

document.addEventListener("DOMContentLoaded", () => {
  showRecipientCount();
  followReport();
});
