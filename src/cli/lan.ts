import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import QRCode from 'qrcode';

/** The hall network: every interface the server listens on with `--lan`. */
export const LAN_HOST = '0.0.0.0';

const PRIVATE = [/^10\./u, /^192\.168\./u, /^172\.(1[6-9]|2\d|3[01])\./u];

/**
 * The machine's addresses the other laptops can reach: non-internal IPv4, private ranges (the
 * hall's router) first, in interface order otherwise.
 */
export function hallAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string[] {
  const found = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((i) => i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
  const isPrivate = (a: string) => PRIVATE.some((p) => p.test(a));
  return [...found.filter(isPrivate), ...found.filter((a) => !isPrivate(a))];
}

/** What `serve --lan` prints: the address(es) for the other laptops, and a QR code of the first. */
export async function lanBanner(port: number, addresses: string[] = hallAddresses()): Promise<string> {
  if (addresses.length === 0) {
    return 'Không thấy mạng hội trường: hãy nối máy vào mạng (Wi-Fi hoặc cáp) rồi chạy lại.\nNo hall network found: connect this laptop to the network (Wi-Fi or cable) and start again.\n';
  }
  const urls = addresses.map((a) => `http://${a}:${port}/`);
  const qr = await QRCode.toString(urls[0], { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
  return [
    'Các máy khác trong hội trường mở / Other laptops in the hall open:',
    ...urls.map((u) => `  ${u}`),
    `Quét mã để mở ${urls[0]} / Scan to open ${urls[0]}:`,
    qr,
  ].join('\n');
}
