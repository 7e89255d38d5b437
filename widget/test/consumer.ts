// A consumer of the published package, type-checked against its declarations (tsc --noEmit in the
// build): every option, event and result, resolved through the package's own name and "exports".
import QrLoginDefault, {
  QrLogin,
  QrLoginElement,
  languages,
  resolveLanguage,
  translations,
  type ImageFormat,
  type Language,
  type Messages,
  type QrLoginErrorEvent,
  type QrLoginEvent,
  type QrLoginHandle,
  type QrLoginOptions,
  type QrLoginSession,
} from '@qrlogin/widget';

function signedIn(session: QrLoginSession): string {
  const bearer: 'Bearer' = session.tokenType;
  const seconds: number = session.expiresIn;
  return `${bearer} ${session.accessToken} ${seconds} ${session.sessionId} ${session.user.sub} ${session.user.name}`;
}

const format: ImageFormat = 'png';
const wording: Partial<Messages> = { scanPrompt: 'Scan me', continueAs: 'Yes, I am {name}' };
const options: QrLoginOptions = {
  baseUrl: 'https://login.example.com',
  clientId: 'intranet',
  imageFormat: format,
  lang: 'zh-CN',
  messages: wording,
  onLogin: (session) => console.log(signedIn(session)),
  onError: (error) => console.warn(error.message),
};
const handle: QrLoginHandle = QrLogin.mount(document.createElement('div'), options);
handle.unmount();
QrLoginDefault.mount(document.body).unmount();

const language: Language = resolveLanguage('zh-Hans', navigator.languages);
const all: readonly Language[] = languages;
const chinese: Readonly<Messages> = translations(language);
console.log(all, chinese.notYou, resolveLanguage());

// The element: created by tag name (typed through HTMLElementTagNameMap), attributes, events.
const element: QrLoginElement = document.createElement('qr-login');
element.setAttribute('client-id', 'web');
element.setAttribute('base-url', 'https://login.example.com');
element.setAttribute('image-format', 'svg');
element.setAttribute('lang', 'zh-CN');
element.messages = { newCode: 'Another code' };
element.addEventListener('qrlogin:login', (event) => {
  const session: QrLoginSession = event.detail;
  console.log(signedIn(session));
});
element.addEventListener('qrlogin:error', (event) => {
  const error: Error = event.detail;
  console.warn(error.message);
});
// Bubbling events, typed on an ancestor too.
document.body.addEventListener('qrlogin:login', (event: QrLoginEvent) => console.log(event.detail.user.name));
document.body.addEventListener('qrlogin:error', (event: QrLoginErrorEvent) => console.warn(event.detail));
document.body.append(element);
const found: QrLoginElement | null = document.querySelector('qr-login');
console.log(found instanceof QrLoginElement, QrLoginElement.observedAttributes);

// @ts-expect-error: an image format the server does not make
QrLogin.mount(document.body, { imageFormat: 'gif' });
// @ts-expect-error: messages are strings
QrLogin.mount(document.body, { messages: { notYou: 42 } });
// @ts-expect-error: a session has no password
QrLogin.mount(document.body, { onLogin: (session) => session.password });
