// Inside Telegram: the Mini App's initData (in the fragment Telegram opens us with) is checked by
// the server, which answers with a session cookie and where to go.
(() => {
  const data = new URLSearchParams(location.hash.slice(1)).get("tgWebAppData");
  const status = document.getElementById("miniapp-status");
  const fail = () => {
    if (status) status.textContent = status.dataset.failed || "";
  };
  if (!data) return fail();
  const form = document.getElementById("miniapp");
  const body = new URLSearchParams({ initData: data, next: form ? form.dataset.next || "" : "" });
  fetch(form ? form.action : "auth/telegram", { method: "POST", body, credentials: "same-origin" })
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
    .then((answer) => location.replace(answer.next))
    .catch(fail);
})();
