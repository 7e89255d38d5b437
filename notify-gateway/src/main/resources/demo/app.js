// A stand-in for the phone app: gets a demo app token for the chosen user, scans a QR link (or takes
// the user code a device shows, RFC 8628), shows the confirm screen with what the server says about
// the request, and confirms or declines. Everything the server sends about the browser is shown with
// textContent, never as markup: the User-Agent in particular is whatever the browser (or an attacker)
// chose to send.

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
