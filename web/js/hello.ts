const status: HTMLElement | null = document.getElementById('status');
const res = await fetch('/api/congress');
if (status) status.textContent = res.ok ? ((await res.json()) as { name: string }).name : 'Chưa tạo đại hội';
