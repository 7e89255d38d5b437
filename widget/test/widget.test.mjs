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
