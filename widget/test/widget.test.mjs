// Unit tests of what the widget decides without a browser: its languages and its registration.
// The browser behaviour is tested end to end in deploy/local (headless Chromium).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { QrLogin, QrLoginElement, languages, resolveLanguage, translations } from '../src/qrlogin.js';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

test('every built-in language has every English string with the same placeholders', () => {
  const english = translations('en');
  assert.deepEqual(languages, ['en', 'zh-CN']);
  for (const language of languages) {
    const messages = translations(language);
    assert.deepEqual(Object.keys(messages).sort(), Object.keys(english).sort(), language);
    for (const [key, text] of Object.entries(messages)) {
      assert.ok(text.trim().length > 0, `${language}.${key} is empty`);
      assert.deepEqual(placeholders(text), placeholders(english[key]), `${language}.${key}`);
    }
  }
});

test('the Chinese strings are translated, not copies of the English ones', () => {
  const english = translations('en');
  const chinese = translations('zh-CN');
  for (const key of Object.keys(english)) {
    assert.notEqual(chinese[key], english[key], key);
    assert.match(chinese[key], /[\u4e00-\u9fff]/, key);
  }
});

test('the requested language wins when it is built in, matched by its primary subtag', () => {
  assert.equal(resolveLanguage('zh-CN', ['en-US']), 'zh-CN');
  assert.equal(resolveLanguage('ZH-cn', []), 'zh-CN');
  assert.equal(resolveLanguage('zh-Hans-SG', ['en']), 'zh-CN');
  assert.equal(resolveLanguage('en-GB', ['zh-CN']), 'en');
});

test('without a built-in requested language the browser preferences decide, in their order', () => {
  assert.equal(resolveLanguage(undefined, ['fr-FR', 'zh-CN', 'en']), 'zh-CN');
  assert.equal(resolveLanguage('', ['de', 'en-AU', 'zh']), 'en');
  assert.equal(resolveLanguage('fr', ['zh_CN']), 'zh-CN');
});

test('with no built-in language anywhere the widget speaks English', () => {
  assert.equal(resolveLanguage('fr', ['de', 'ja']), 'en');
  assert.equal(resolveLanguage(null, []), 'en');
});

test('the built-in strings cannot be changed by a page', () => {
  assert.throws(() => {
    translations('en').notYou = 'Someone else?';
  }, TypeError);
  assert.equal(translations('en').notYou, 'Not you?');
});

test('the module loads outside a browser and exports the mount function and the element class', () => {
  assert.equal(typeof QrLogin.mount, 'function');
  assert.equal(typeof QrLoginElement, 'function');
  assert.deepEqual(QrLoginElement.observedAttributes, ['client-id', 'base-url', 'image-format', 'lang']);
});

test('loading the module twice registers the element once and keeps the first definition', async () => {
  const defined = new Map();
  globalThis.customElements = {
    get: (name) => defined.get(name),
    define: (name, constructor) => {
      if (defined.has(name)) throw new Error(`${name} has already been defined`);
      defined.set(name, constructor);
    },
  };
  try {
    const first = await import('../src/qrlogin.js?copy=1');
    const second = await import('../src/qrlogin.js?copy=2');
    assert.notEqual(first.QrLoginElement, second.QrLoginElement);
    assert.equal(defined.size, 1);
    assert.equal(defined.get('qr-login'), first.QrLoginElement);
  } finally {
    delete globalThis.customElements;
  }
});

// The element against a stand-in HTMLElement: which options its attributes set, and which events
// its callbacks dispatch. Rendering and the login itself are the browser ITs' part.
async function elementWithStubbedMount() {
  class FakeElement extends EventTarget {
    constructor() {
      super();
      this.attributes = new Map();
      this.isConnected = true;
    }

    hasAttribute(name) {
      return this.attributes.has(name);
    }

    getAttribute(name) {
      return this.attributes.get(name) ?? null;
    }
  }
  globalThis.HTMLElement = FakeElement;
  try {
    const module = await import(`../src/qrlogin.js?element=${Math.random()}`);
    const mounts = [];
    module.QrLogin.mount = (root, options) => {
      const mount = { root, options, unmounted: false };
      mounts.push(mount);
      return { unmount: () => { mount.unmounted = true; } };
    };
    return { element: new module.QrLoginElement(), mounts };
  } finally {
    delete globalThis.HTMLElement;
  }
}

test('the element passes its kebab-case attributes as options and mounts into itself', async () => {
  const { element, mounts } = await elementWithStubbedMount();
  element.attributes.set('client-id', 'intranet').set('base-url', 'https://login.example.com')
    .set('image-format', 'png').set('lang', 'zh-CN');
  element.messages = { notYou: 'Someone else?' };

  element.connectedCallback();

  assert.equal(mounts.length, 1);
  assert.equal(mounts[0].root, element);
  const { onLogin, onError, ...options } = mounts[0].options;
  assert.deepEqual(options, { clientId: 'intranet', baseUrl: 'https://login.example.com', imageFormat: 'png',
    lang: 'zh-CN', messages: { notYou: 'Someone else?' } });
});

test('the element dispatches qrlogin:login and qrlogin:error, bubbling, with the result as detail', async () => {
  const { element, mounts } = await elementWithStubbedMount();
  const seen = [];
  element.addEventListener('qrlogin:login', (event) => seen.push([event.type, event.detail, event.bubbles, event.composed]));
  element.addEventListener('qrlogin:error', (event) => seen.push([event.type, event.detail.message, event.bubbles]));
  element.connectedCallback();
  const session = { accessToken: 'eyJ.a.b', tokenType: 'Bearer', expiresIn: 3600, sessionId: 's1', user: { sub: 'alice', name: 'Alice' } };

  mounts[0].options.onError(new Error('mint failed: 503'));
  mounts[0].options.onLogin(session);

  assert.deepEqual(seen, [['qrlogin:error', 'mint failed: 503', true], ['qrlogin:login', session, true, true]]);
});

test('the element starts over when an attribute changes and stops when removed', async () => {
  const { element, mounts } = await elementWithStubbedMount();
  element.attributeChangedCallback('lang', null, 'en');
  assert.equal(mounts.length, 0, 'attributes parsed before connecting do not mount');
  element.connectedCallback();
  element.attributes.set('lang', 'zh-CN');

  element.attributeChangedCallback('lang', null, 'zh-CN');

  assert.equal(mounts.length, 2);
  assert.equal(mounts[0].unmounted, true);
  assert.equal(mounts[1].options.lang, 'zh-CN');
  element.attributeChangedCallback('lang', 'zh-CN', 'zh-CN');
  assert.equal(mounts.length, 2, 'an unchanged value changes nothing');
  element.disconnectedCallback();
  assert.equal(mounts[1].unmounted, true);
});

test('the widget styles use logical properties only, so a right-to-left page mirrors them', async () => {
  const { readFile } = await import('node:fs/promises');
  const source = await readFile(new URL('../src/qrlogin.js', import.meta.url), 'utf8');
  const style = /const STYLE = `([^`]*)`/.exec(source)[1];
  assert.ok(style.includes('.qrlogin{'), 'found the stylesheet');
  const physical = style.match(/(^|[{;\s-])(left|right|top|bottom|width|height|(margin|padding|border)-(left|right|top|bottom)(-\w+)?|(min|max)-(width|height)|float)\s*:|text-align\s*:\s*(left|right)/gm);
  assert.equal(physical, null, `physical properties: ${physical}`);
  assert.ok(!/(^|[{;\s])direction\s*:/m.test(style), 'the direction is the page\'s');
});
