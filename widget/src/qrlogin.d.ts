// Type declarations of @qrlogin/widget (src/qrlogin.js).

/** How the QR image comes from the server. */
export type ImageFormat = 'svg' | 'png';

/** A language the widget has built in. */
export type Language = 'en' | 'zh-CN';

/** Every user-visible string of the widget. `{name}`-style placeholders are filled in. */
export interface Messages {
  /** Text alternative of the image while the first code loads. */
  loading: string;
  /** Text alternative of the QR image; `{url}` is the code's link. */
  imageAlt: string;
  gettingCode: string;
  scanPrompt: string;
  couldNotGetCode: string;
  expired: string;
  expiredNewCode: string;
  unusable: string;
  cancelledNewCode: string;
  /** `{time}` is minutes:seconds. */
  expiresIn: string;
  /** `{name}` is who scanned. */
  scannedBy: string;
  /** `{name}` is who scanned, `{code}` the two digits to type on the phone. */
  scannedByMatch: string;
  /** Stands in for `{name}` when the scan carried no name. */
  yourPhone: string;
  confirmedAs: string;
  /** Stands in for `{name}` when the confirm carried no name. */
  whoScanned: string;
  /** The button that signs this browser in; `{name}` is who confirmed. */
  continueAs: string;
  /** The button that refuses a login confirmed by someone else. */
  notYou: string;
  declining: string;
  signingIn: string;
  signedInAs: string;
  signInFailed: string;
  /** The button shown once codes stop renewing by themselves. */
  newCode: string;
}

/** The signed-in user, as the session service names them. */
export interface QrLoginUser {
  /** The user's stable id (the token's `sub`). */
  sub: string;
  /** The display name. */
  name: string;
}

/** What a login yields: `POST /api/session/redeem`'s answer. */
export interface QrLoginSession {
  /** An ES256 JWT for the client's audience. */
  accessToken: string;
  tokenType: 'Bearer';
  /** Seconds the token is valid. */
  expiresIn: number;
  sessionId: string;
  user: QrLoginUser;
}

/** Options of {@link QrLogin.mount}; the custom element takes the same as attributes. */
export interface QrLoginOptions {
  /** The gateway's origin, e.g. `https://login.example.com`; default: the page's origin. Attribute `base-url`. */
  baseUrl?: string;
  /** A registered client whose origins include the page's; default `web`. Attribute `client-id`. */
  clientId?: string;
  /** Default `svg`. Attribute `image-format`. */
  imageFormat?: ImageFormat;
  /** A BCP 47 tag; unsupported or absent: the first built-in of `navigator.languages`, else English. Attribute `lang`. */
  lang?: string;
  /** Strings replacing the built-in ones of the chosen language (for wording, or another language). */
  messages?: Partial<Messages>;
  /** Called once, after the user confirmed on the phone and here; the widget then stops. */
  onLogin?: (session: QrLoginSession) => void;
  /** Called on every failure the widget recovers from by itself (default: `console.warn`). */
  onError?: (error: Error) => void;
}

/** A mounted widget. */
export interface QrLoginHandle {
  /** Stops timers and the WebSocket; the element keeps its last content. */
  unmount(): void;
}

export declare const QrLogin: {
  /** Shows a login QR code in `element` and keeps it current until the user signs in. */
  mount(element: HTMLElement, options?: QrLoginOptions): QrLoginHandle;
};

export default QrLogin;

/** The built-in languages, English (the default) first. */
export declare const languages: readonly Language[];

/** The built-in strings of a language. */
export declare function translations(language: Language): Readonly<Messages>;

/**
 * The language the widget speaks: `requested` when it is built in (exact, else by its primary
 * subtag), else the first built-in of `preferred` (default `navigator.languages`), else `en`.
 */
export declare function resolveLanguage(requested?: string | null, preferred?: readonly string[]): Language;

/** `qrlogin:login`: the user signed in. */
export type QrLoginEvent = CustomEvent<QrLoginSession>;

/** `qrlogin:error`: something failed; the widget carries on (with a new code or a button). */
export type QrLoginErrorEvent = CustomEvent<Error>;

/**
 * `<qr-login>`: attributes `client-id`, `base-url`, `image-format`, `lang`; property `messages`;
 * events `qrlogin:login` and `qrlogin:error` (bubbling, composed).
 */
export declare class QrLoginElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** Strings replacing the built-in ones; setting it re-renders. */
  messages: Partial<Messages> | undefined;
  addEventListener<K extends keyof QrLoginElementEventMap>(type: K,
      listener: (this: QrLoginElement, event: QrLoginElementEventMap[K]) => unknown,
      options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof QrLoginElementEventMap>(type: K,
      listener: (this: QrLoginElement, event: QrLoginElementEventMap[K]) => unknown,
      options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions): void;
}

export interface QrLoginElementEventMap extends HTMLElementEventMap {
  'qrlogin:login': QrLoginEvent;
  'qrlogin:error': QrLoginErrorEvent;
}

declare global {
  interface HTMLElementTagNameMap {
    'qr-login': QrLoginElement;
  }
  // The events bubble, so a listener on an ancestor (or the document) is typed as well.
  interface HTMLElementEventMap {
    'qrlogin:login': QrLoginEvent;
    'qrlogin:error': QrLoginErrorEvent;
  }
}
