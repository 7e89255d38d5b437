import { QrLogin, resolveLanguage } from '/qrlogin.js';

// The page's strings; the widget has its own. ?lang=zh-CN picks a language, else the browser's.
const TEXTS = {
  en: {
    signInTitle: 'Sign in with your phone',
    noApp: 'No phone app? Open {simulator} in another window.',
    simulator: 'the app simulator',
    hello: 'Hello, {name}',
    signedIn: 'You signed in with a QR code (session {session}).',
    signOut: 'Sign out',
    signInDocument: 'Sign in — QR Login demo',
    helloDocument: 'Hello, {name} — QR Login demo',
  },
  'zh-CN': {
    signInTitle: '用手机登录',
    noApp: '手机上没有应用？请在另一个窗口中打开{simulator}。',
    simulator: '应用模拟器',
    hello: '你好，{name}',
    signedIn: '你已通过二维码登录（会话 {session}）。',
    signOut: '退出登录',
    signInDocument: '登录 — QR Login 演示',
    helloDocument: '你好，{name} — QR Login 演示',
  },
};

const TOKEN_KEY = 'qrlogin.demo.token';
const parameters = new URLSearchParams(window.location.search);
const requested = parameters.get('lang') || undefined;
const language = resolveLanguage(requested);
const texts = TEXTS[language] || TEXTS.en;
const login = document.getElementById('login');
const home = document.getElementById('home');

// Replaces `element`'s content with `template`, its {placeholders} filled with nodes or text.
function fill(element, template, values = {}) {
  const parts = template.split(/(\{\w+\})/).filter((part) => part !== '').map((part) => {
    const key = /^\{(\w+)\}$/.exec(part);
    if (!key || !(key[1] in values)) return part;
    return values[key[1]];
  });
  element.replaceChildren(...parts);
}

function text(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (placeholder, key) => (key in values ? values[key] : placeholder));
}

function translatePage() {
  document.documentElement.lang = language;
  const simulator = document.querySelector('[data-text="simulator"]');
  simulator.textContent = texts.simulator;
  fill(document.querySelector('[data-text="noApp"]'), texts.noApp, { simulator });
  for (const key of ['signInTitle', 'signOut']) document.querySelector(`[data-text="${key}"]`).textContent = texts[key];
}

async function showHome(token) {
  const response = await fetch('/api/session/me', { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) {
    sessionStorage.removeItem(TOKEN_KEY);
    return showLogin();
  }
  const me = await response.json();
  const session = document.createElement('code');
  session.textContent = me.sessionId;
  fill(document.getElementById('home-title'), texts.hello, { name: me.name });
  fill(document.getElementById('signed-in'), texts.signedIn, { session });
  login.hidden = true;
  home.hidden = false;
  document.title = text(texts.helloDocument, { name: me.name });
}

function showLogin() {
  home.hidden = true;
  login.hidden = false;
  document.title = texts.signInDocument;
  QrLogin.mount(document.getElementById('qr'), {
    // ?client=<id> signs in to another registered client (e.g. one with number matching).
    clientId: parameters.get('client') || undefined,
    lang: requested,
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

translatePage();
const token = sessionStorage.getItem(TOKEN_KEY);
if (token) showHome(token); else showLogin();
