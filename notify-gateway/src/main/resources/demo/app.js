// A stand-in for the phone app: gets a demo app token for the chosen user, scans a QR link (or takes
// the user code a device shows, RFC 8628), shows the confirm screen with what the server says about
// the request, and confirms or declines. Everything the server sends about the browser is shown with
// textContent, never as markup: the User-Agent in particular is whatever the browser (or an attacker)
// chose to send.
//
// Its strings are in English and Simplified Chinese (?lang=zh-CN, else the browser's languages).
//
// The "Signed-in browsers" list polls GET /api/app/sessions every few seconds and tells the user when
// a session appears that was not there before ("New sign-in on Chrome, Windows — not you?").

import { resolveLanguage } from '/qrlogin.js';

// The page's strings: ?lang=zh-CN picks a language, else the browser's (as the widget chooses).
const TEXTS = {
  en: {
    document: 'Phone app simulator — QR Login demo',
    title: 'Phone app simulator',
    scanSection: 'Scan',
    signedInAs: 'Signed in as',
    linkLabel: 'QR code link, or the code a device shows',
    linkPlaceholder: 'http://localhost:8080/q/… or WDJB-MJHT',
    scan: 'Scan',
    camera: 'Use camera',
    confirmTitle: 'Sign in to {site}?',
    deviceNotice: 'A device (a TV, a command-line tool) asks to sign in to {client} as you. Confirm only if you started this sign-in on that device.',
    site: 'Site',
    ipAddress: 'IP address',
    requested: 'Requested',
    reported: 'Reported by the browser',
    checkAddressBar: 'Check that your browser\'s address bar shows this site. Decline if you did not just ask to sign in there yourself.',
    matchCode: 'Type the two digits the browser shows',
    decline: 'Decline',
    confirm: 'Confirm',
    sessionsTitle: 'Signed-in browsers',
    sessionsHint: 'Where you are signed in with this phone. Checked every few seconds.',
    noSessions: 'No browser is signed in as you.',
    signOutAll: 'Sign out everywhere',
    noAppTokens: 'Demo mode is off: no app tokens.',
    unknown: 'unknown',
    aDevice: 'A device',
    unknownBrowser: 'An unknown browser',
    sameNetwork: 'Same network as this phone',
    signedIn: 'Signed in',
    lastSeen: 'Last seen',
    method: 'Method',
    deviceCode: 'device code',
    qrCode: 'QR code',
    yes: 'yes',
    no: 'no',
    signOut: 'Sign out',
    newSignIn: 'New sign-in on {browser} at {client}',
    andMore: ' (and {count} more)',
    notYou: ' — not you? Sign it out below.',
    cannotList: 'Could not list the signed-in browsers: {error}',
    signedOut: 'Signed out.',
    signedOutEverywhere: 'Signed out everywhere.',
    notALink: 'That is not a QR login link or a device code.',
    onADevice: '{client} on a device',
    device: 'Device',
    browser: 'Browser',
    browserOn: '{browser} on {os}',
    nothing: 'nothing',
    fromYourNetwork: 'This request comes from your network.',
    notFromYourNetwork: 'This request does NOT come from your network. Confirm only if you are signing in yourself.',
    otherNetwork: 'This sign-in was started on another network than this phone\'s.',
    relayed: 'The code was not asked for by a page of {site}: someone may be relaying it to you.',
    declineIfNotYou: 'If you did not just start this sign-in yourself, decline.',
    deviceSigningIn: 'The device is signing in.',
    browserSigningIn: 'The browser is signing in.',
    confirmed: 'Confirmed. {next}',
    declined: 'Declined.',
    cameraFailed: 'Camera: {error}',
  },
  'zh-CN': {
    document: '手机应用模拟器 — QR Login 演示',
    title: '手机应用模拟器',
    scanSection: '扫码',
    signedInAs: '当前登录用户',
    linkLabel: '二维码链接，或设备上显示的代码',
    linkPlaceholder: 'http://localhost:8080/q/… 或 WDJB-MJHT',
    scan: '扫码',
    camera: '使用摄像头',
    confirmTitle: '登录 {site}？',
    deviceNotice: '有一台设备（电视、命令行工具）请求以你的身份登录 {client}。只有当这次登录是你自己在那台设备上发起的，才确认。',
    site: '网站',
    ipAddress: 'IP 地址',
    requested: '请求时间',
    reported: '浏览器自述',
    checkAddressBar: '请检查浏览器地址栏显示的是这个网站。如果不是你刚刚自己请求登录，请拒绝。',
    matchCode: '输入浏览器上显示的两位数字',
    decline: '拒绝',
    confirm: '确认',
    sessionsTitle: '已登录的浏览器',
    sessionsHint: '你用这部手机登录过的地方。每隔几秒刷新一次。',
    noSessions: '没有以你的身份登录的浏览器。',
    signOutAll: '全部退出登录',
    noAppTokens: '演示模式已关闭：没有应用令牌。',
    unknown: '未知',
    aDevice: '一台设备',
    unknownBrowser: '未知浏览器',
    sameNetwork: '与这部手机在同一网络',
    signedIn: '登录时间',
    lastSeen: '最近使用',
    method: '方式',
    deviceCode: '设备代码',
    qrCode: '二维码',
    yes: '是',
    no: '否',
    signOut: '退出登录',
    newSignIn: '{browser} 上有新的登录（{client}）',
    andMore: '（另有 {count} 个）',
    notYou: '——不是你？请在下方将其退出登录。',
    cannotList: '无法列出已登录的浏览器：{error}',
    signedOut: '已退出登录。',
    signedOutEverywhere: '已在所有地方退出登录。',
    notALink: '这不是二维码登录链接，也不是设备代码。',
    onADevice: '设备上的 {client}',
    device: '设备',
    browser: '浏览器',
    browserOn: '{os} 上的 {browser}',
    nothing: '无',
    fromYourNetwork: '这个请求来自你的网络。',
    notFromYourNetwork: '这个请求不是来自你的网络。只有当你自己正在登录时才确认。',
    otherNetwork: '这次登录是在与这部手机不同的网络上发起的。',
    relayed: '这个二维码不是由 {site} 的页面申请的：可能有人正在把它转发给你。',
    declineIfNotYou: '如果这次登录不是你刚刚自己发起的，请拒绝。',
    deviceSigningIn: '设备正在登录。',
    browserSigningIn: '浏览器正在登录。',
    confirmed: '已确认。{next}',
    declined: '已拒绝。',
    cameraFailed: '摄像头：{error}',
  },
};

const language = resolveLanguage(new URLSearchParams(window.location.search).get('lang') || undefined);
const texts = TEXTS[language] || TEXTS.en;

// `key`'s text, its {placeholders} filled in.
function t(key, values = {}) {
  return texts[key].replace(/\{(\w+)\}/g, (placeholder, name) => (name in values ? String(values[name]) : placeholder));
}

// Replaces `element`'s content with `key`'s text, its {placeholders} filled with nodes.
function fill(element, key, nodes) {
  const parts = texts[key].split(/(\{\w+\})/).filter((part) => part !== '')
    .map((part) => { const name = /^\{(\w+)\}$/.exec(part); return name && nodes[name[1]] ? nodes[name[1]] : part; });
  element.replaceChildren(...parts);
}

function translatePage() {
  document.documentElement.lang = language;
  document.title = texts.document;
  for (const element of document.querySelectorAll('[data-text]')) element.textContent = texts[element.dataset.text];
  for (const element of document.querySelectorAll('[data-label]')) element.setAttribute('aria-label', texts[element.dataset.label]);
  for (const element of document.querySelectorAll('[data-placeholder]')) element.placeholder = texts[element.dataset.placeholder];
  fill(document.getElementById('confirm-title'), 'confirmTitle', { site: document.getElementById('site') });
  fill(document.getElementById('device'), 'deviceNotice', { client: document.getElementById('device-client') });
}

const $ = (id) => document.getElementById(id);
let current = null;

async function appToken(username) {
  const response = await fetch('/api/demo/app-token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(t('noAppTokens'));
  return (await response.json()).accessToken;
}

// An id is 32 base64url characters: one in 64 ends in '-', after which \b finds no word boundary.
function qrIdOf(link) {
  const match = /\/q\/([A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])/.exec(link.trim());
  return match ? match[1] : null;
}

// A device's user code: eight letters or digits, however typed (the server normalises it).
function userCodeOf(text) {
  const code = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return code.length === 8 ? code : null;
}

function show(text, ok = false) {
  $('result').textContent = text;
  $('result').classList.toggle('ok', ok);
  $('result').hidden = false;
}

async function call(path, token, body) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.detail || answer.title || `HTTP ${response.status}`);
  return answer;
}

// --- Signed-in browsers ------------------------------------------------------------------------

const POLL_MS = 5000;
let known = null; // session ids of the last list, per user; null until the first list is in
let listedUser = null;

const tokens = new Map(); // a demo app token per user, fetched once: the list is polled

async function appCall(method, path) {
  const user = $('user').value;
  if (!tokens.has(user)) tokens.set(user, await appToken(user));
  const token = tokens.get(user);
  const response = await fetch(path, { method, headers: { Authorization: `Bearer ${token}` } });
  const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.detail || answer.title || `HTTP ${response.status}`);
  return answer;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString(language) : t('unknown');
}

function browserOf(session) {
  if (session.method === 'device') return t('aDevice');
  if (session.browser && session.os) return `${session.browser}, ${session.os}`;
  return session.browser || session.os || t('unknownBrowser');
}

function entry(session) {
  const item = document.createElement('li');
  item.className = 'session';
  const title = document.createElement('strong');
  title.textContent = `${session.clientName || session.clientId}: ${browserOf(session)}`;
  const details = document.createElement('dl');
  const rows = [
    [t('ipAddress'), session.ip || t('unknown')],
    [t('sameNetwork'), session.sameNetwork == null ? t('unknown') : t(session.sameNetwork ? 'yes' : 'no')],
    [t('signedIn'), when(session.signedInAt)],
    [t('lastSeen'), when(session.lastSeenAt)],
    [t('method'), t(session.method === 'device' ? 'deviceCode' : 'qrCode')],
  ];
  for (const [label, value] of rows) {
    const term = document.createElement('dt');
    term.textContent = label;
    const description = document.createElement('dd');
    description.textContent = value;
    details.append(term, description);
  }
  const signOut = document.createElement('button');
  signOut.type = 'button';
  signOut.className = 'secondary';
  signOut.textContent = t('signOut');
  signOut.addEventListener('click', () => endSession(session.sessionId));
  item.append(title, details, signOut);
  return item;
}

function notice(fresh) {
  const first = fresh[0];
  const text = t('newSignIn', { browser: browserOf(first), client: first.clientName || first.clientId })
    + (fresh.length > 1 ? t('andMore', { count: fresh.length - 1 }) : '') + t('notYou');
  $('sign-in-notice').textContent = text;
  $('sign-in-notice').hidden = false;
}

async function refreshSessions() {
  const user = $('user').value;
  try {
    const { sessions } = await appCall('GET', '/api/app/sessions');
    if (user !== $('user').value) return;
    if (user !== listedUser) {
      known = null;
      listedUser = user;
      $('sign-in-notice').hidden = true;
    }
    const fresh = known ? sessions.filter((session) => !known.has(session.sessionId)) : [];
    if (fresh.length) notice(fresh);
    known = new Set(sessions.map((session) => session.sessionId));
    $('sessions').replaceChildren(...sessions.map(entry));
    $('no-sessions').textContent = t('noSessions');
    $('no-sessions').hidden = sessions.length > 0;
    $('sign-out-all').disabled = sessions.length === 0;
  } catch (error) {
    $('no-sessions').textContent = t('cannotList', { error: error.message });
    $('no-sessions').hidden = false;
  }
}

async function endSession(sessionId) {
  try {
    await appCall('DELETE', `/api/app/sessions/${encodeURIComponent(sessionId)}`);
    show(t('signedOut'), true);
  } catch (error) {
    show(error.message);
  }
  refreshSessions();
}

async function endAllSessions() {
  try {
    await appCall('DELETE', '/api/app/sessions');
    show(t('signedOutEverywhere'), true);
  } catch (error) {
    show(error.message);
  }
  refreshSessions();
}

async function scan(link) {
  $('result').hidden = true;
  $('confirm').hidden = true;
  const qrId = qrIdOf(link);
  const userCode = qrId ? null : userCodeOf(link);
  if (!qrId && !userCode) return show(t('notALink'));
  try {
    const token = await appToken($('user').value);
    const ticket = qrId ? await call(`/api/scan/${qrId}`, token)
      : await call('/api/scan/user-code', token, { userCode });
    const request = ticket.request;
    const risk = ticket.risk || {};
    const device = request.kind === 'device';
    current = { qrId: ticket.qrId, token, numberMatching: ticket.numberMatching, device };
    $('site').textContent = device ? t('onADevice', { client: request.clientName }) : request.clientName;
    $('origin').textContent = request.origin || t('unknown');
    $('device').hidden = !device;
    $('device-client').textContent = request.clientName;
    $('agent-label').textContent = t(device ? 'device' : 'browser');
    $('browser').textContent = (request.browser && request.os) ? t('browserOn', { browser: request.browser, os: request.os })
      : request.browser || request.os || t('unknown');
    $('user-agent').textContent = request.userAgent || t('nothing');
    $('ip').textContent = request.ip || t('unknown');
    $('requested').textContent = new Date(request.requestedAt).toLocaleTimeString(language);
    $('network').textContent = t(request.sameNetwork ? 'fromYourNetwork' : 'notFromYourNetwork');
    const warnings = [];
    if (risk.networkMismatch) {
      warnings.push(t('otherNetwork'));
    }
    if (risk.mintedWithoutOrigin) {
      warnings.push(t('relayed', { site: request.origin || request.clientName }));
    }
    if (warnings.length) warnings.push(t('declineIfNotYou'));
    $('risk').textContent = warnings.join(' ');
    $('risk').hidden = warnings.length === 0;
    $('matching').hidden = !ticket.numberMatching;
    $('match-code').value = '';
    $('confirm').hidden = false;
    (ticket.numberMatching ? $('match-code') : $('approve')).focus();
  } catch (error) {
    show(error.message);
  }
}

async function decide(action) {
  if (!current) return;
  try {
    const body = (action === 'confirm' && current.numberMatching) ? { matchCode: $('match-code').value.trim() } : null;
    await call(`/api/scan/${current.qrId}/${action}`, current.token, body);
    const signingIn = t(current.device ? 'deviceSigningIn' : 'browserSigningIn');
    show(action === 'confirm' ? t('confirmed', { next: signingIn }) : t('declined'), action === 'confirm');
  } catch (error) {
    show(error.message);
  }
  $('confirm').hidden = true;
  current = null;
}

async function useCamera() {
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
  const video = $('video');
  video.srcObject = stream;
  video.hidden = false;
  await video.play();
  const stop = () => {
    stream.getTracks().forEach((track) => track.stop());
    video.hidden = true;
  };
  const look = async () => {
    const codes = await detector.detect(video).catch(() => []);
    const found = codes.map((code) => code.rawValue).find((value) => qrIdOf(value));
    if (found) {
      stop();
      $('link').value = found;
      scan(found);
    } else if (!video.hidden) {
      requestAnimationFrame(look);
    }
  };
  look();
}

translatePage();
$('scan').addEventListener('click', () => scan($('link').value));
$('sign-out-all').addEventListener('click', endAllSessions);
$('user').addEventListener('change', refreshSessions);
refreshSessions();
setInterval(refreshSessions, POLL_MS);
$('link').addEventListener('keydown', (event) => { if (event.key === 'Enter') scan($('link').value); });
$('approve').addEventListener('click', () => decide('confirm'));
$('cancel').addEventListener('click', () => decide('cancel'));
if ('BarcodeDetector' in window && navigator.mediaDevices) {
  $('camera').hidden = false;
  $('camera').addEventListener('click', () => useCamera().catch((error) => show(t('cameraFailed', { error: error.message }))));
}
const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('link');
if (fromHash) {
  $('link').value = fromHash;
}
