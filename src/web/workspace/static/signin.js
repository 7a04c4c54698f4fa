// The sign-in link's token is in the fragment (never sent to a server): into the form, out of the address bar.
(() => {
  const token = location.hash.slice(1);
  const field = document.getElementById("token");
  if (field && token) {
    field.value = token;
    history.replaceState(null, "", location.pathname + location.search);
  }
})();
