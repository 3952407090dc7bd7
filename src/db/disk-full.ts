/** SQLite's and the file system's ways of saying the disk is full (or the user's quota is). */
export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  const message = (e as { message?: unknown } | null)?.message;
  return (typeof code === 'string' && (code === 'ENOSPC' || code === 'EDQUOT' || code.startsWith('SQLITE_FULL'))) || (typeof message === 'string' && /disk is full|no space left on device/iu.test(message));
}

/** What the committee is told when the disk is full: nothing was saved, and what to do. */
export const DISK_FULL = {
  code: 'disk_full',
  vi: 'ổ đĩa của máy chủ đã đầy: chưa lưu được gì. Hãy giải phóng dung lượng trên máy chủ (chép các bản sao lưu cũ sang ổ khác rồi xóa, xóa tệp không cần) rồi thử lại',
  en: "the server's disk is full: nothing was saved. Free some space on the server (copy old backups to another drive and delete them, delete files not needed) and try again",
} as const;
