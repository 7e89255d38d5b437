import { QrLogin } from '/qrlogin.js';

const TOKEN_KEY = 'qrlogin.demo.token';
const login = document.getElementById('login');
const home = document.getElementById('home');

async function showHome(token) {
  const response = await fetch('/api/session/me', { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    sessionStorage.removeItem(TOKEN_KEY);
    return showLogin();
  }
  const me = await response.json();
  document.getElementById('name').textContent = me.name;
  document.getElementById('session').textContent = me.sessionId;
  login.hidden = true;
  home.hidden = false;
  document.title = `Hello, ${me.name} — QR Login demo`;
}

function showLogin() {
  home.hidden = true;
  login.hidden = false;
  document.title = 'Sign in — QR Login demo';
  QrLogin.mount(document.getElementById('qr'), {
    // ?client=<id> signs in to another registered client (e.g. one with number matching).
    clientId: new URLSearchParams(window.location.search).get('client') || undefined,
    onLogin: (session) => {
      sessionStorage.setItem(TOKEN_KEY, session.accessToken);
      showHome(session.accessToken);
    },
  });
}

document.getElementById('logout').addEventListener('click', async () => {
  const token = sessionStorage.getItem(TOKEN_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
  if (token) await fetch('/api/session/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  showLogin();
});

const token = sessionStorage.getItem(TOKEN_KEY);
if (token) showHome(token); else showLogin();
