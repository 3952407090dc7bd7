import { shortCode } from '../../src/results-file/format.js';
import { minutesCode, verifySignedResult, type Verification } from '../../src/results-file/verify.js';

/**
 * The verify page: the same check as `kiemphieu verify`, run here in the browser on a dropped
 * file (WebCrypto for the signature, the domain engine for the recount). Nothing is sent anywhere.
 */
const drop = document.getElementById('drop') as HTMLLabelElement;
const input = document.getElementById('file') as HTMLInputElement;
const verdict = document.getElementById('verdict') as HTMLElement;
const title = document.getElementById('verdict-title') as HTMLElement;
const fileName = document.getElementById('verdict-file') as HTMLElement;
const lines = document.getElementById('verdict-lines') as HTMLUListElement;
const codes = document.getElementById('verdict-codes') as HTMLElement;
const compare = document.getElementById('verdict-compare') as HTMLElement;
const elected = document.getElementById('verdict-elected') as HTMLElement;
const codeInput = document.getElementById('minutes-code') as HTMLInputElement;
/** The last file given: typing the code afterwards checks it again. */
let last: { name: string; bytes: Uint8Array } | null = null;

/** Both languages are in the page; the stylesheet shows the one chosen (Vietnamese unless English was, on this computer). */
const LANG_KEY = 'kp.lang';
const toggle = document.getElementById('lang-toggle') as HTMLButtonElement;
function setLanguage(lang: 'vi' | 'en'): void {
  document.body.dataset.lang = lang;
  document.documentElement.lang = lang;
}
setLanguage(localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'vi');
toggle.addEventListener('click', () => {
  const next = document.body.dataset.lang === 'en' ? 'vi' : 'en';
  localStorage.setItem(LANG_KEY, next);
  setLanguage(next);
});

function both(vi: string, en: string): HTMLSpanElement[] {
  return (['vi', 'en'] as const).map((lang) => {
    const span = document.createElement('span');
    span.className = lang;
    const text = lang === 'vi' ? vi : en;
    span.textContent = text.charAt(0).toLocaleUpperCase(lang) + text.slice(1);
    return span;
  });
}

function line(vi: string, en: string): HTMLLIElement {
  const li = document.createElement('li');
  li.append(...both(vi, en));
  return li;
}

function heading(vi: string, en: string): void {
  title.replaceChildren(...both(vi, en));
}

function show(name: string, result: Verification): void {
  verdict.hidden = false;
  verdict.className = `verdict ${result.kind}`;
  verdict.dataset.kind = result.kind;
  fileName.textContent = name;
  codes.hidden = result.kind === 'unreadable';
  compare.hidden = result.kind !== 'verified';
  elected.hidden = result.kind !== 'verified' && result.kind !== 'intact';
  if (result.kind === 'unreadable') {
    heading('Không đọc được tệp', 'Not a signed results file');
    lines.replaceChildren(line(result.vi, result.en));
    return;
  }
  (document.getElementById('file-code') as HTMLElement).textContent = shortCode(result.fileFingerprint);
  (document.getElementById('key-code') as HTMLElement).textContent = shortCode(result.keyFingerprint);
  (document.getElementById('file-hash') as HTMLElement).textContent = result.fileFingerprint;
  if (result.kind === 'verified' || result.kind === 'intact') {
    if (result.kind === 'verified') {
      heading('✔ Đã kiểm chứng: đúng tệp ghi trên biên bản, kết quả khớp với việc kiểm lại', 'Verified: the file of the minutes, and the recount gives the same result');
    } else {
      heading('Tệp nguyên vẹn, nhưng CHƯA kiểm nguồn gốc: nhập mã tệp in trên biên bản', 'Intact, but its origin is not checked: type the file code printed on the minutes');
    }
    lines.replaceChildren(line(result.vi, result.en));
    const { result: counted } = result.file;
    const name = (no: number) => counted.candidates.find((c) => c.no === no)?.name ?? String(no);
    const names = (nos: number[]) => nos.map(name).join(', ');
    const alternates = (label: string) => (counted.alternates.length > 0 ? ` ${label}: ${names(counted.alternates)}.` : '');
    elected.replaceChildren(
      ...both(`Trúng cử, theo thứ tự số phiếu: ${names(counted.elected)}.${alternates('Dự khuyết')}`, `Elected, by votes: ${names(counted.elected)}.${alternates('Alternates')}`),
    );
  } else {
    heading('✘ KHÔNG kiểm chứng được', 'NOT verified');
    lines.replaceChildren(...result.findings.map((f) => line(f.vi, f.en)));
  }
}

async function check(file: File): Promise<void> {
  if (!globalThis.crypto?.subtle) {
    verdict.hidden = false;
    verdict.className = 'verdict unreadable';
    heading('Trình duyệt không cho kiểm chữ ký ở địa chỉ này', 'This browser offers no WebCrypto here: open the page at http://127.0.0.1 or localhost');
    lines.replaceChildren();
    return;
  }
  last = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  await checkLast();
}

async function checkLast(): Promise<void> {
  if (!last) return;
  const typed = codeInput.value.trim();
  const code = typed === '' ? undefined : minutesCode(typed);
  if (code === null) {
    verdict.hidden = false;
    verdict.className = 'verdict unreadable';
    verdict.dataset.kind = 'bad-code';
    heading('Mã nhập chưa đúng dạng', 'The code is not in its printed form');
    lines.replaceChildren(line('Mã gồm bốn nhóm bốn ký tự 0-9 A-F, như XXXX-XXXX-XXXX-XXXX in trên biên bản.', 'A code is four groups of four characters 0-9 A-F, as XXXX-XXXX-XXXX-XXXX on the minutes.'));
    codes.hidden = compare.hidden = elected.hidden = true;
    return;
  }
  show(last.name, await verifySignedResult(last.bytes, { code }));
}

drop.addEventListener('dragover', (e) => {
  e.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  drop.classList.remove('over');
  const file = e.dataTransfer?.files[0];
  if (file) void check(file);
});
codeInput.addEventListener('input', () => {
  const typed = codeInput.value.trim();
  if (typed === '' || minutesCode(typed) !== null) void checkLast();
});
codeInput.addEventListener('change', () => void checkLast());
input.addEventListener('change', () => {
  const file = input.files?.[0];
  if (file) void check(file);
});
