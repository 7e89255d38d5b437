// QR Login browser widget: a dependency-free ES module, published as @qrlogin/widget and served by
// the gateway as /qrlogin.js (this file is the only copy; the gateway's build copies it).
//
//   import { QrLogin } from '/qrlogin.js';
//   QrLogin.mount(document.getElementById('login'), { onLogin: (session) => … });
//
// or, as a custom element registered by this module:
//
//   <qr-login client-id="web" lang="zh-CN"></qr-login>   (events qrlogin:login, qrlogin:error)
//
// It keeps the PKCE verifier in memory only: the QR code and the mint request carry just its
// SHA-256, so a photo of the code cannot redeem the login (RFC 7636).

const MAX_AUTO_REFRESH = 5;
const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 10000;

function base64url(bytes) {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function pkcePair() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return { verifier, challenge: base64url(new Uint8Array(digest)) };
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Every user-visible string, per language. {name}-style placeholders are filled in by format().
// A language added here must have every key of `en` (the package's test checks it).
const TRANSLATIONS = {
  en: {
    loading: 'Loading a login QR code…',
    imageAlt: 'Login QR code. Open your phone app, choose "Scan to sign in" and point it at this code. Link: {url}',
    gettingCode: 'Getting a login code…',
    scanPrompt: 'Scan this code with your phone app to sign in.',
    couldNotGetCode: 'Could not get a login code.',
    expired: 'This code expired.',
    expiredNewCode: 'This code expired — new code.',
    unusable: 'This code can no longer be used.',
    cancelledNewCode: 'Cancelled on your phone — new code.',
    expiresIn: 'Expires in {time}',
    scannedBy: 'Scanned by {name} — confirm on your phone.',
    scannedByMatch: 'Scanned by {name} — enter {code} on your phone to confirm.',
    yourPhone: 'your phone',
    confirmedAs: 'Confirmed on a phone as {name}.',
    whoScanned: 'the person who scanned',
    continueAs: 'Continue as {name}',
    notYou: 'Not you?',
    declining: 'Not signing you in — cancelling that sign-in…',
    signingIn: 'Confirmed — signing you in…',
    signedInAs: 'Signed in as {name}.',
    signInFailed: 'Signing in failed.',
    newCode: 'Show a new code',
  },
  'zh-CN': {
    loading: '正在加载登录二维码…',
    imageAlt: '登录二维码。打开手机应用，选择“扫码登录”，然后对准此二维码。链接：{url}',
    gettingCode: '正在获取登录二维码…',
    scanPrompt: '请用手机应用扫描此二维码登录。',
    couldNotGetCode: '无法获取登录二维码。',
    expired: '此二维码已过期。',
    expiredNewCode: '此二维码已过期，已换新码。',
    unusable: '此二维码已无法使用。',
    cancelledNewCode: '已在手机上取消，已换新码。',
    expiresIn: '{time} 后过期',
    scannedBy: '{name} 已扫码，请在手机上确认。',
    scannedByMatch: '{name} 已扫码，请在手机上输入 {code} 以确认。',
    yourPhone: '你的手机',
    confirmedAs: '已在手机上以 {name} 的身份确认。',
    whoScanned: '扫码的人',
    continueAs: '以 {name} 的身份继续',
    notYou: '不是你？',
    declining: '不为你登录，正在取消这次登录…',
    signingIn: '已确认，正在登录…',
    signedInAs: '已以 {name} 的身份登录。',
    signInFailed: '登录失败。',
    newCode: '显示新的二维码',
  },
};

for (const messages of Object.values(TRANSLATIONS)) Object.freeze(messages);

/** The built-in languages, English first (the default). */
export const languages = Object.freeze(Object.keys(TRANSLATIONS));

/** The built-in strings of `language` (one of `languages`). */
export function translations(language) {
  return TRANSLATIONS[language];
}

// The built-in language for one BCP 47 tag: exact (case-insensitive), else by its primary subtag
// ("zh-Hans-SG" → zh-CN, "en-GB" → en), else none.
function builtIn(tag) {
  if (typeof tag !== 'string' || tag.trim() === '') return undefined;
  const wanted = tag.trim().toLowerCase();
  const exact = languages.find((language) => language.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split(/[-_]/)[0];
  return languages.find((language) => language.toLowerCase().split('-')[0] === primary);
}

/**
 * The language the widget speaks: `requested` (the `lang` option or attribute) when it is built in,
 * else the first built-in one of the browser's preferences, else English.
 */
export function resolveLanguage(requested, preferred = globalThis.navigator ? globalThis.navigator.languages || [] : []) {
  for (const tag of [requested, ...preferred]) {
    const language = builtIn(tag);
    if (language) return language;
  }
  return 'en';
}

function format(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (placeholder, key) => (key in values ? String(values[key]) : placeholder));
}

// Theming: every colour, the radii, the font and the width are CSS custom properties with these
// defaults, so a page restyles the widget from its own stylesheet. Logical properties only, so a
// right-to-left page (dir="rtl") mirrors it.
const STYLE = `
qr-login{display:block}
.qrlogin{font-family:var(--qrlogin-font,system-ui,sans-serif);max-inline-size:var(--qrlogin-max-width,20rem);
  inline-size:100%;text-align:center;color:var(--qrlogin-color-text,#1b1f24)}
.qrlogin-code{position:relative;inline-size:100%;aspect-ratio:1;border:1px solid var(--qrlogin-color-border,#d0d7de);
  border-radius:var(--qrlogin-radius,.75rem);background:var(--qrlogin-color-background,#fff);display:flex;
  align-items:center;justify-content:center;overflow:hidden}
.qrlogin-code img{inline-size:100%;block-size:100%;image-rendering:pixelated}
.qrlogin-code.qrlogin-dim img{opacity:.15}
.qrlogin-match{position:absolute;inset:0;margin:0;display:flex;align-items:center;justify-content:center;
  font-size:5rem;font-weight:700;letter-spacing:.1em;font-variant-numeric:tabular-nums;
  color:var(--qrlogin-color-text,#1b1f24)}
.qrlogin-match[hidden]{display:none}
.qrlogin-status{min-block-size:3em;margin-block:.75rem .25rem;margin-inline:0;font-weight:600}
.qrlogin-countdown{font-size:.875rem;color:var(--qrlogin-color-muted,#57606a);min-block-size:1.25em;margin:0}
.qrlogin button{margin-block-start:.5rem;padding-block:.6rem;padding-inline:1.1rem;border:0;
  border-radius:var(--qrlogin-button-radius,.5rem);background:var(--qrlogin-color-accent,#0b57d0);
  color:var(--qrlogin-color-on-accent,#fff);font:inherit;font-weight:600;cursor:pointer}
.qrlogin button:focus-visible{outline:3px solid var(--qrlogin-color-focus,#f59e0b);outline-offset:2px}
.qrlogin button[hidden]{display:none}
.qrlogin-identity{display:flex;flex-direction:column;gap:.25rem}
.qrlogin-identity[hidden]{display:none}
.qrlogin button.qrlogin-secondary{background:var(--qrlogin-color-secondary,#eaeef2);
  color:var(--qrlogin-color-on-secondary,#1b1f24)}
`;

// A constructed stylesheet is not inline style, so a page's strict CSP (no 'unsafe-inline') allows
// it. One sheet, adopted once per document or shadow root the widget renders into.
let sheet;
const styledRoots = new WeakSet();
function installStyle(node) {
  const root = node.getRootNode ? node.getRootNode() : document;
  const target = root && 'adoptedStyleSheets' in root ? root : document;
  if (styledRoots.has(target)) return;
  styledRoots.add(target);
  if ('adoptedStyleSheets' in target && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  } else {
    document.head.appendChild(element('style', {}, STYLE));
  }
}

class Widget {
  constructor(root, options) {
    this.root = root;
    this.onLogin = options.onLogin || (() => {});
    this.onError = options.onError || ((error) => console.warn('QR login:', error));
    this.baseUrl = (options.baseUrl || '').replace(/\/$/, '');
    this.clientId = options.clientId || 'web';
    this.imageFormat = options.imageFormat || 'svg';
    this.language = resolveLanguage(options.lang);
    this.messages = options.messages || {};
    // A page that brings its own strings for a language we lack (lang="fr" + messages) says so.
    this.languageTag = options.messages && options.lang && !builtIn(options.lang) ? options.lang : this.language;
    this.autoRefreshes = 0;
    this.generation = 0;
    this.stopped = false;
    this.render();
    this.onVisibility = () => {
      if (!document.hidden && this.waitingForVisibility) {
        this.waitingForVisibility = false;
        this.refresh(true);
      }
    };
    document.addEventListener('visibilitychange', this.onVisibility);
    // Back online: reconnect now rather than at the end of the current backoff.
    this.onOnline = () => {
      if (this.reconnectTimer === undefined) return;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      if (!this.stopped && !this.socket) this.connect(this.generation);
    };
    window.addEventListener('online', this.onOnline);
    this.refresh(false);
  }

  // The text of `key`, the page's own wording first, placeholders filled in.
  t(key, values) {
    const own = this.messages[key];
    return format(typeof own === 'string' ? own : TRANSLATIONS[this.language][key], values);
  }

  render() {
    installStyle(this.root);
    this.root.textContent = '';
    // Its own lang, so screen readers pronounce it right on a page in another language; the
    // direction is the page's (dir inherits).
    this.box = element('div', { class: 'qrlogin', lang: this.languageTag });
    this.code = element('div', { class: 'qrlogin-code' });
    this.image = element('img', { alt: this.t('loading'), width: '256', height: '256' });
    // Number matching: the two digits the user types on the phone, shown over the dimmed code.
    this.match = element('p', { class: 'qrlogin-match', 'aria-hidden': 'true', hidden: '' });
    this.code.append(this.image, this.match);
    this.status = element('p', { class: 'qrlogin-status', role: 'status', 'aria-live': 'polite' });
    this.countdown = element('p', { class: 'qrlogin-countdown', 'aria-hidden': 'true' });
    this.action = element('button', { type: 'button', class: 'qrlogin-new-code', hidden: '' }, this.t('newCode'));
    this.action.addEventListener('click', () => this.refresh(false));
    // Whoever scans a code first owns it: before signing this browser in, its user says it is them.
    this.identity = element('div', { class: 'qrlogin-identity', hidden: '' });
    this.continueButton = element('button', { type: 'button', class: 'qrlogin-continue' });
    this.notYouButton = element('button', { type: 'button', class: 'qrlogin-not-you qrlogin-secondary' }, this.t('notYou'));
    this.identity.append(this.continueButton, this.notYouButton);
    this.continueButton.addEventListener('click', () => this.onIdentityConfirmed());
    this.notYouButton.addEventListener('click', () => this.onIdentityRefused());
    this.box.append(this.code, this.status, this.countdown, this.identity, this.action);
    this.root.appendChild(this.box);
  }

  say(text) {
    this.status.textContent = text;
  }

  url(path) {
    return this.baseUrl + path;
  }

  // Every API call the widget makes is a JSON POST to the gateway it was pointed at.
  post(path, body) {
    return fetch(this.url(path), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  // What redeems or declines the current ticket: its id and the PKCE verifier only this page holds.
  proof() {
    return { qrId: this.ticket.qrId, codeVerifier: this.pkce.verifier };
  }

  socketUrl() {
    const origin = this.baseUrl || window.location.origin;
    return origin.replace(/^http/, 'ws') + '/ws/qr';
  }

  // A fresh code. `automatic` refreshes (after expiry) are capped and wait for a visible tab.
  async refresh(automatic) {
    if (this.stopped) return;
    if (automatic) {
      if (this.autoRefreshes >= MAX_AUTO_REFRESH) return this.offerNewCode(this.t('expired'));
      if (document.hidden) {
        this.waitingForVisibility = true;
        return this.offerNewCode(this.t('expired'));
      }
      this.autoRefreshes += 1;
    } else {
      this.autoRefreshes = 0;
    }
    const generation = ++this.generation;
    this.closeSocket();
    this.hideIdentity();
    this.action.hidden = true;
    this.code.classList.add('qrlogin-dim');
    this.say(this.t('gettingCode'));
    try {
      this.pkce = await pkcePair();
      const response = await this.post('/api/qr', { codeChallenge: this.pkce.challenge, codeChallengeMethod: 'S256',
        clientId: this.clientId, imageFormat: this.imageFormat });
      if (!response.ok) throw new Error(`mint failed: ${response.status}`);
      const ticket = await response.json();
      if (generation !== this.generation) return;
      this.ticket = ticket;
      this.image.src = ticket.image;
      this.image.alt = this.t('imageAlt', { url: ticket.qrUrl });
      this.image.dataset.qrUrl = ticket.qrUrl;
      this.code.classList.remove('qrlogin-dim');
      this.say(this.t('scanPrompt'));
      this.startCountdown(new Date(ticket.expiresAt).getTime());
      this.reconnects = 0;
      this.connect(generation);
    } catch (error) {
      this.onError(error);
      this.offerNewCode(this.t('couldNotGetCode'));
    }
  }

  showMatchCode(code) {
    const valid = typeof code === 'string' && /^[0-9]{2}$/.test(code);
    this.match.textContent = valid ? code : '';
    this.match.hidden = !valid;
    return valid;
  }

  offerNewCode(text) {
    this.showMatchCode(null);
    this.hideIdentity();
    this.stopCountdown();
    this.closeSocket();
    this.code.classList.add('qrlogin-dim');
    this.say(text);
    this.action.hidden = false;
  }

  startCountdown(expiresAt) {
    this.stopCountdown();
    const tick = () => {
      const seconds = Math.max(0, Math.round((expiresAt - Date.now()) / 1000));
      const time = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
      this.countdown.textContent = seconds > 0 ? this.t('expiresIn', { time }) : '';
    };
    tick();
    this.timer = setInterval(tick, 1000);
  }

  stopCountdown() {
    clearInterval(this.timer);
    this.countdown.textContent = '';
  }

  connect(generation) {
    const socket = new WebSocket(this.socketUrl());
    this.socket = socket;
    socket.addEventListener('open', () => {
      socket.send(JSON.stringify({ type: 'subscribe', qrId: this.ticket.qrId, codeVerifier: this.pkce.verifier }));
    });
    socket.addEventListener('message', (event) => {
      if (generation !== this.generation) return;
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      this.reconnects = 0;
      if (message.type === 'state') this.onState(message, generation);
      else if (message.type === 'error') this.onError(new Error(message.code));
    });
    socket.addEventListener('close', (event) => {
      if (generation !== this.generation || this.socket !== socket) return;
      this.socket = null;
      // 1000: the server is done with this code; 1008: refused. Anything else (1001 going away,
      // 1006 dropped): come back with backoff and jitter; the snapshot resynchronises.
      if (event.code === 1000 || this.finished) return;
      if (event.code === 1008) return this.offerNewCode(this.t('unusable'));
      // Exponential backoff with jitter, so the browsers of a gateway that went away do not all
      // come back at the same instant.
      const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** this.reconnects);
      this.reconnects += 1;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = undefined;
        if (generation === this.generation && !this.stopped) this.connect(generation);
      }, delay / 2 + Math.random() * delay / 2);
    });
  }

  closeSocket() {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close(1000);
    }
  }

  onState(message, generation) {
    const matchCode = this.showMatchCode(message.state === 'SCANNED' ? message.matchCode : null);
    switch (message.state) {
      case 'PENDING':
        this.say(this.t('scanPrompt'));
        break;
      case 'SCANNED': {
        const name = message.scannedBy && message.scannedBy.name ? message.scannedBy.name : this.t('yourPhone');
        this.code.classList.add('qrlogin-dim');
        this.say(matchCode ? this.t('scannedByMatch', { name, code: message.matchCode }) : this.t('scannedBy', { name }));
        break;
      }
      case 'CONFIRMED':
        this.finished = true;
        // The mint says whether the client wants its users asked; a page that set nothing is asked.
        if (this.ticket.confirmIdentity === false) this.redeem(generation);
        else this.askIdentity(message, generation);
        break;
      case 'CANCELLED':
        this.say(this.t('cancelledNewCode'));
        this.refresh(false);
        break;
      case 'EXPIRED':
        this.say(this.t('expiredNewCode'));
        this.refresh(true);
        break;
      default:
        this.offerNewCode(this.t('unusable'));
    }
  }

  // "Continue as Alice" / "Not you?": the phone that confirmed may be an onlooker's who scanned first.
  askIdentity(message, generation) {
    const name = message.scannedBy && message.scannedBy.name ? message.scannedBy.name : this.t('whoScanned');
    this.identityGeneration = generation;
    this.code.classList.add('qrlogin-dim');
    this.say(this.t('confirmedAs', { name }));
    if (message.expiresAt) this.startCountdown(new Date(message.expiresAt).getTime());
    this.continueButton.textContent = this.t('continueAs', { name });
    this.continueButton.disabled = false;
    this.notYouButton.disabled = false;
    this.identity.hidden = false;
    this.continueButton.focus();
  }

  hideIdentity() {
    if (this.identity) this.identity.hidden = true;
  }

  onIdentityConfirmed() {
    if (this.identity.hidden || this.identityGeneration !== this.generation) return;
    this.hideIdentity();
    this.redeem(this.generation);
  }

  // Cancels the ticket with the verifier, so nobody can redeem it, then starts over with a new code.
  async onIdentityRefused() {
    if (this.identity.hidden || this.identityGeneration !== this.generation) return;
    this.continueButton.disabled = true;
    this.notYouButton.disabled = true;
    this.stopCountdown();
    this.say(this.t('declining'));
    try {
      const response = await this.post('/api/session/decline', this.proof());
      if (!response.ok) throw new Error(`decline failed: ${response.status}`);
    } catch (error) {
      // Not redeemed either way: the ticket dies unused within seconds.
      this.onError(error);
    }
    this.finished = false;
    await this.refresh(false);
  }

  async redeem(generation) {
    this.stopCountdown();
    this.say(this.t('signingIn'));
    try {
      const response = await this.post('/api/session/redeem', this.proof());
      if (generation !== this.generation) return;
      if (!response.ok) throw new Error(`redeem failed: ${response.status}`);
      const session = await response.json();
      this.pkce = null;
      this.say(this.t('signedInAs', { name: session.user.name }));
      this.unmount();
      this.onLogin(session);
    } catch (error) {
      this.finished = false;
      this.onError(error);
      this.offerNewCode(this.t('signInFailed'));
    }
  }

  unmount() {
    this.stopped = true;
    this.generation += 1;
    this.stopCountdown();
    this.closeSocket();
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('online', this.onOnline);
  }
}

export const QrLogin = {
  /**
   * Shows a login QR code in `element` and keeps it current until the user signs in.
   * options: onLogin(session) — called with {accessToken, tokenType, expiresIn, sessionId, user};
   *          onError(error), baseUrl (default: this origin), clientId (default 'web'),
   *          imageFormat ('svg' default, or 'png'), lang (default: the browser's languages),
   *          messages (strings that replace the built-in ones).
   * Returns { unmount() }.
   */
  mount(element, options = {}) {
    const widget = new Widget(element, options);
    return { unmount: () => widget.unmount() };
  },
};

// The custom element's attributes and the options they set.
const ATTRIBUTES = Object.freeze({
  'client-id': 'clientId',
  'base-url': 'baseUrl',
  'image-format': 'imageFormat',
  lang: 'lang',
});

// Outside a browser (server-side rendering, the package's tests) there is no HTMLElement: the class
// still exists, so importing the module never throws.
const ElementBase = typeof HTMLElement === 'function' ? HTMLElement : class {};

/**
 * <qr-login client-id="web" base-url="…" image-format="svg" lang="zh-CN">: the widget as a custom
 * element. It renders into itself (no shadow root, so the page's tests and styles reach it), starts
 * when connected, stops when removed, starts over when an attribute changes, and dispatches
 * `qrlogin:login` (detail: the session) and `qrlogin:error` (detail: the Error); both bubble.
 * `messages` is a property (an object, not an attribute).
 */
export class QrLoginElement extends ElementBase {
  static get observedAttributes() {
    return Object.keys(ATTRIBUTES);
  }

  connectedCallback() {
    this.start();
  }

  disconnectedCallback() {
    this.stop();
  }

  attributeChangedCallback(name, previous, value) {
    if (previous !== value && this.handle) {
      this.stop();
      this.start();
    }
  }

  get messages() {
    return this.customMessages;
  }

  set messages(messages) {
    this.customMessages = messages;
    if (this.handle) {
      this.stop();
      this.start();
    }
  }

  start() {
    if (this.handle || !this.isConnected) return;
    const options = {
      messages: this.customMessages,
      onLogin: (session) => this.emit('qrlogin:login', session),
      onError: (error) => this.emit('qrlogin:error', error),
    };
    for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
      if (this.hasAttribute(attribute)) options[option] = this.getAttribute(attribute);
    }
    this.handle = QrLogin.mount(this, options);
  }

  stop() {
    if (!this.handle) return;
    this.handle.unmount();
    this.handle = undefined;
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

// Idempotent: a page that loads the module twice (say, from the gateway and from a bundle) keeps
// the first definition instead of throwing.
if (globalThis.customElements && !globalThis.customElements.get('qr-login')) {
  globalThis.customElements.define('qr-login', QrLoginElement);
}

export default QrLogin;
