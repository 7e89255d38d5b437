// The provider's QR login page: the widget (served by the gateway on this origin) signs the user in
// for the client of the pending authorization request, then hands the session token to the provider,
// which continues that request.
import { QrLogin } from '/qrlogin.js';

const root = document.getElementById('qr');
const handoff = document.getElementById('handoff');

QrLogin.mount(root, {
  clientId: root.dataset.clientId,
  // The widget speaks the page's language (this page is in English), not the browser's.
  lang: document.documentElement.lang,
  onLogin: (session) => {
    handoff.elements.session_token.value = session.accessToken;
    handoff.submit();
  },
});
