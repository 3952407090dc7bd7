/**
 * Every string of the pages lives in web/messages/{vi,en}.json. Vietnamese by default; the English
 * toggle is remembered on this computer. Elements carry `data-i18n` (text), `data-i18n-placeholder`,
 * `data-i18n-title`, `data-i18n-aria-label`; code calls t(key, params).
 */

export type Lang = 'vi' | 'en';
const LANG_KEY = 'kp.lang';

let messages: Record<string, string> = {};
let current: Lang = 'vi';
const listeners: (() => void)[] = [];

export function lang(): Lang {
  return current;
}

export function t(key: string, params: Record<string, string | number> = {}): string {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message the server or the domain gave in both languages, shown as a sentence: a capital first. */
export function bilingual(m: { vi: string; en: string }): string {
  const text = current === 'en' ? m.en : m.vi;
  return text.charAt(0).toLocaleUpperCase(current) + text.slice(1);
}

export function applyMessages(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  for (const [attr, data] of [['placeholder', 'i18nPlaceholder'], ['title', 'i18nTitle'], ['aria-label', 'i18nAriaLabel']] as const) {
    for (const el of root.querySelectorAll<HTMLElement>(`[data-${data.replace(/[A-Z]/gu, (c) => `-${c.toLowerCase()}`)}]`)) {
      el.setAttribute(attr, t(el.dataset[data]!));
    }
  }
}

async function load(l: Lang): Promise<void> {
  const res = await fetch(`/messages/${l}.json`);
  messages = (await res.json()) as Record<string, string>;
  current = l;
  document.documentElement.lang = l;
  applyMessages();
  for (const listener of listeners) listener();
}

/** Loads the remembered language (Vietnamese unless English was chosen on this computer). */
export function loadMessages(): Promise<void> {
  return load(localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi');
}

export function onLanguageChange(listener: () => void): void {
  listeners.push(listener);
}

export async function toggleLanguage(): Promise<void> {
  const next: Lang = current === 'vi' ? 'en' : 'vi';
  localStorage.setItem(LANG_KEY, next);
  await load(next);
}
