// The <qr-login> custom element: this page sets its attributes, then loads the module that defines
// it (the element starts once defined), and shows what its events carry.
const login = document.getElementById('login');
const parameters = new URLSearchParams(window.location.search);
if (parameters.get('lang')) login.setAttribute('lang', parameters.get('lang'));
if (parameters.get('client')) login.setAttribute('client-id', parameters.get('client'));

login.addEventListener('qrlogin:login', (event) => {
  const { user, sessionId, tokenType } = event.detail;
  const result = document.getElementById('result');
  result.textContent = `qrlogin:login — ${user.name} (${user.sub}), ${tokenType} token, session ${sessionId}`;
  result.hidden = false;
});
login.addEventListener('qrlogin:error', (event) => {
  const item = document.createElement('li');
  item.textContent = `qrlogin:error — ${event.detail.message}`;
  document.getElementById('errors').append(item);
});

await import('/qrlogin.js');
