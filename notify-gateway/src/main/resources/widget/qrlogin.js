// QR Login browser widget: a dependency-free ES module.
//
//   import { QrLogin } from '/qrlogin.js';
//   QrLogin.mount(document.getElementById('login'), { onLogin: (session) => … });
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

const STYLE = `
.qrlogin{font-family:system-ui,sans-serif;max-width:20rem;width:100%;text-align:center;color:#1b1f24}
.qrlogin-code{position:relative;width:100%;aspect-ratio:1;border:1px solid #d0d7de;border-radius:.75rem;
  background:#fff;display:flex;align-items:center;justify-content:center;overflow:hidden}
.qrlogin-code img{width:100%;height:100%;image-rendering:pixelated}
.qrlogin-code.qrlogin-dim img{opacity:.15}
.qrlogin-match{position:absolute;inset:0;margin:0;display:flex;align-items:center;justify-content:center;
  font-size:5rem;font-weight:700;letter-spacing:.1em;font-variant-numeric:tabular-nums}
.qrlogin-match[hidden]{display:none}
.qrlogin-status{min-height:3em;margin:.75rem 0 .25rem;font-weight:600}
.qrlogin-countdown{font-size:.875rem;color:#57606a;min-height:1.25em}
.qrlogin button{margin-top:.5rem;padding:.6rem 1.1rem;border:0;border-radius:.5rem;background:#0b57d0;
  color:#fff;font:inherit;font-weight:600;cursor:pointer}
.qrlogin button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.qrlogin-identity{display:flex;flex-direction:column;gap:.25rem}
.qrlogin-identity[hidden]{display:none}
.qrlogin button.qrlogin-secondary{background:#eaeef2;color:#1b1f24}
`;

// A constructed stylesheet is not inline style, so a page's strict CSP (no 'unsafe-inline') allows it.
let styled = false;
function installStyle() {
  if (styled) return;
  styled = true;
  if ('adoptedStyleSheets' in document && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
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

  render() {
    installStyle();
    this.root.textContent = '';
    this.box = element('div', { class: 'qrlogin' });
    this.code = element('div', { class: 'qrlogin-code' });
    this.image = element('img', { alt: 'Loading a login QR code…', width: '256', height: '256' });
    // Number matching: the two digits the user types on the phone, shown over the dimmed code.
    this.match = element('p', { class: 'qrlogin-match', 'aria-hidden': 'true', hidden: '' });
    this.code.append(this.image, this.match);
    this.status = element('p', { class: 'qrlogin-status', role: 'status', 'aria-live': 'polite' });
    this.countdown = element('p', { class: 'qrlogin-countdown', 'aria-hidden': 'true' });
    this.action = element('button', { type: 'button', hidden: '' }, 'Show a new code');
    this.action.addEventListener('click', () => this.refresh(false));
    // Whoever scans a code first owns it: before signing this browser in, its user says it is them.
    this.identity = element('div', { class: 'qrlogin-identity', hidden: '' });
    this.continueButton = element('button', { type: 'button', class: 'qrlogin-continue' }, 'Continue');
    this.notYouButton = element('button', { type: 'button', class: 'qrlogin-not-you qrlogin-secondary' }, 'Not you?');
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

  socketUrl() {
    const origin = this.baseUrl || window.location.origin;
    return origin.replace(/^http/, 'ws') + '/ws/qr';
  }

  // A fresh code. `automatic` refreshes (after expiry) are capped and wait for a visible tab.
  async refresh(automatic) {
    if (this.stopped) return;
    if (automatic) {
      if (this.autoRefreshes >= MAX_AUTO_REFRESH) return this.offerNewCode('This code expired.');
      if (document.hidden) {
        this.waitingForVisibility = true;
        return this.offerNewCode('This code expired.');
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
    this.say('Getting a login code…');
    try {
      this.pkce = await pkcePair();
      const response = await fetch(this.url('/api/qr'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ codeChallenge: this.pkce.challenge, codeChallengeMethod: 'S256',
          clientId: this.clientId, imageFormat: this.imageFormat }),
      });
      if (!response.ok) throw new Error(`mint failed: ${response.status}`);
      const ticket = await response.json();
      if (generation !== this.generation) return;
      this.ticket = ticket;
      this.image.src = ticket.image;
      this.image.alt = 'Login QR code. Open your phone app, choose "Scan to sign in" and point it at this code. '
        + 'Link: ' + ticket.qrUrl;
      this.image.dataset.qrUrl = ticket.qrUrl;
      this.code.classList.remove('qrlogin-dim');
      this.say('Scan this code with your phone app to sign in.');
      this.startCountdown(new Date(ticket.expiresAt).getTime());
      this.reconnects = 0;
      this.connect(generation);
    } catch (error) {
      this.onError(error);
      this.offerNewCode('Could not get a login code.');
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
      this.countdown.textContent = seconds > 0 ? `Expires in ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}` : '';
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
      if (event.code === 1008) return this.offerNewCode('This code can no longer be used.');
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
        this.say('Scan this code with your phone app to sign in.');
        break;
      case 'SCANNED': {
        const name = message.scannedBy && message.scannedBy.name ? message.scannedBy.name : 'your phone';
        this.code.classList.add('qrlogin-dim');
        this.say(matchCode ? `Scanned by ${name} — enter ${message.matchCode} on your phone to confirm.`
          : `Scanned by ${name} — confirm on your phone.`);
        break;
      }
      case 'CONFIRMED':
        this.finished = true;
        // The mint says whether the client wants its users asked; a page that set nothing is asked.
        if (this.ticket.confirmIdentity === false) this.redeem(generation);
        else this.askIdentity(message, generation);
        break;
      case 'CANCELLED':
        this.say('Cancelled on your phone — new code.');
        this.refresh(false);
        break;
      case 'EXPIRED':
        this.say('This code expired — new code.');
        this.refresh(true);
        break;
      default:
        this.offerNewCode('This code can no longer be used.');
    }
  }

  // "Continue as Alice" / "Not you?": the phone that confirmed may be an onlooker's who scanned first.
  askIdentity(message, generation) {
    const name = message.scannedBy && message.scannedBy.name ? message.scannedBy.name : 'the person who scanned';
    this.identityGeneration = generation;
    this.code.classList.add('qrlogin-dim');
    this.say(`Confirmed on a phone as ${name}.`);
    if (message.expiresAt) this.startCountdown(new Date(message.expiresAt).getTime());
    this.continueButton.textContent = `Continue as ${name}`;
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
    this.say('Not signing you in — cancelling that sign-in…');
    try {
      const response = await fetch(this.url('/api/session/decline'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ qrId: this.ticket.qrId, codeVerifier: this.pkce.verifier }),
      });
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
    this.say('Confirmed — signing you in…');
    try {
      const response = await fetch(this.url('/api/session/redeem'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ qrId: this.ticket.qrId, codeVerifier: this.pkce.verifier }),
      });
      if (generation !== this.generation) return;
      if (!response.ok) throw new Error(`redeem failed: ${response.status}`);
      const session = await response.json();
      this.pkce = null;
      this.say(`Signed in as ${session.user.name}.`);
      this.unmount();
      this.onLogin(session);
    } catch (error) {
      this.finished = false;
      this.onError(error);
      this.offerNewCode('Signing in failed.');
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
   *          imageFormat ('svg' default, or 'png').
   * Returns { unmount() }.
   */
  mount(element, options = {}) {
    const widget = new Widget(element, options);
    return { unmount: () => widget.unmount() };
  },
};

export default QrLogin;
