import { api } from './api.js';
import { lang, t } from './i18n.js';

interface BackupStatus {
  lastFailure: { at: string; diskFull: boolean; message: string } | null;
}

const EVERY_MS = 30_000;

/**
 * A banner under the page's bar while the server's last automatic backup failed (a full disk said
 * as such): the committee sees it on its pages, not only the server's log. Asked again every 30 s.
 */
export function watchBackups(): void {
  const banner = document.createElement('p');
  banner.id = 'backup-failure';
  banner.className = 'message error backup-failure';
  banner.setAttribute('role', 'alert');
  banner.hidden = true;
  const bar = document.querySelector('header.bar');
  if (bar) bar.after(banner);
  else document.body.prepend(banner);
  const check = async () => {
    const status = await api<BackupStatus>('GET', '/api/backups').catch(() => null);
    if (!status) return;
    const failure = status.lastFailure;
    banner.hidden = failure === null;
    if (failure) {
      const time = new Date(failure.at).toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit', day: 'numeric', month: 'numeric' });
      banner.textContent = failure.diskFull ? t('backup.diskFull', { time }) : t('backup.failed', { time, reason: failure.message });
    }
  };
  void check();
  setInterval(() => void check(), EVERY_MS);
}
