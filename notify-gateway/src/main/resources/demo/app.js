// A stand-in for the phone app: gets a demo app token for the chosen user, scans a QR link (or takes
// the user code a device shows, RFC 8628), shows the confirm screen with what the server says about
// the request, and confirms or declines. Everything the server sends about the browser is shown with
// textContent, never as markup: the User-Agent in particular is whatever the browser (or an attacker)
// chose to send.
//
// The "Signed-in browsers" list polls GET /api/app/sessions every few seconds and tells the user when
// a session appears that was not there before ("New sign-in on Chrome, Windows — not you?").

const $ = (id) => document.getElementById(id);
let current = null;

async function appToken(username) {
  const response = await fetch('/api/demo/app-token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error('Demo mode is off: no app tokens.');
  return (await response.json()).accessToken;
}

function qrIdOf(link) {
  const match = /\/q\/([A-Za-z0-9_-]{32})\b/.exec(link.trim());
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
  return instant ? new Date(instant).toLocaleString() : 'unknown';
}

function browserOf(session) {
  if (session.method === 'device') return 'A device';
  if (session.browser && session.os) return `${session.browser}, ${session.os}`;
  return session.browser || session.os || 'An unknown browser';
}

function entry(session) {
  const item = document.createElement('li');
  item.className = 'session';
  const title = document.createElement('strong');
  title.textContent = `${session.clientName || session.clientId}: ${browserOf(session)}`;
  const details = document.createElement('dl');
  const rows = [
    ['IP address', session.ip || 'unknown'],
    ['Same network as this phone', session.sameNetwork == null ? 'unknown' : (session.sameNetwork ? 'yes' : 'no')],
    ['Signed in', when(session.signedInAt)],
    ['Last seen', when(session.lastSeenAt)],
    ['Method', session.method === 'device' ? 'device code' : 'QR code'],
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
  signOut.textContent = 'Sign out';
  signOut.addEventListener('click', () => endSession(session.sessionId));
  item.append(title, details, signOut);
  return item;
}

function notice(fresh) {
  const first = fresh[0];
  const text = `New sign-in on ${browserOf(first)} at ${first.clientName || first.clientId}`
    + (fresh.length > 1 ? ` (and ${fresh.length - 1} more)` : '') + ' — not you? Sign it out below.';
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
    $('no-sessions').hidden = sessions.length > 0;
    $('sign-out-all').disabled = sessions.length === 0;
  } catch (error) {
    $('no-sessions').textContent = `Could not list the signed-in browsers: ${error.message}`;
    $('no-sessions').hidden = false;
  }
}

async function endSession(sessionId) {
  try {
    await appCall('DELETE', `/api/app/sessions/${encodeURIComponent(sessionId)}`);
    show('Signed out.', true);
  } catch (error) {
    show(error.message);
  }
  refreshSessions();
}

async function endAllSessions() {
  try {
    await appCall('DELETE', '/api/app/sessions');
    show('Signed out everywhere.', true);
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
  if (!qrId && !userCode) return show('That is not a QR login link or a device code.');
  try {
    const token = await appToken($('user').value);
    const ticket = qrId ? await call(`/api/scan/${qrId}`, token)
      : await call('/api/scan/user-code', token, { userCode });
    const request = ticket.request;
    const risk = ticket.risk || {};
    const device = request.kind === 'device';
    current = { qrId: ticket.qrId, token, numberMatching: ticket.numberMatching, device };
    $('site').textContent = device ? `${request.clientName} on a device` : request.clientName;
    $('origin').textContent = request.origin || 'unknown';
    $('device').hidden = !device;
    $('device-client').textContent = request.clientName;
    $('agent-label').textContent = device ? 'Device' : 'Browser';
    $('browser').textContent = (request.browser && request.os) ? `${request.browser} on ${request.os}`
      : request.browser || request.os || 'unknown';
    $('user-agent').textContent = request.userAgent || 'nothing';
    $('ip').textContent = request.ip || 'unknown';
    $('requested').textContent = new Date(request.requestedAt).toLocaleTimeString();
    $('network').textContent = request.sameNetwork
      ? 'This request comes from your network.'
      : 'This request does NOT come from your network. Confirm only if you are signing in yourself.';
    const warnings = [];
    if (risk.networkMismatch) {
      warnings.push('This sign-in was started on another network than this phone\'s.');
    }
    if (risk.mintedWithoutOrigin) {
      warnings.push(`The code was not asked for by a page of ${request.origin || request.clientName}: someone may be relaying it to you.`);
    }
    if (warnings.length) warnings.push('If you did not just start this sign-in yourself, decline.');
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
    const signingIn = current.device ? 'The device is signing in.' : 'The browser is signing in.';
    show(action === 'confirm' ? `Confirmed. ${signingIn}` : 'Declined.', action === 'confirm');
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
  $('camera').addEventListener('click', () => useCamera().catch((error) => show(`Camera: ${error.message}`)));
}
const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('link');
if (fromHash) {
  $('link').value = fromHash;
}
