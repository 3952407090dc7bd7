import { seededRandom } from './seeded-random.js';
import type { StoreContext, Actor } from './db/context.js';
import {
  addCandidates,
  addMember,
  createCongress,
  createElection,
  declarePile,
  enterBallot,
  enterPileBallot,
  listRounds,
  setBallotCounts,
  setEntryMode,
  transitionRound,
} from './db/store/index.js';
import type { Ballot, Pile, Result } from './domain/index.js';

/**
 * A demo congress modelled on a 166-delegate ward congress: the executive committee (15 of 17) in
 * double entry, piles at every stage (agreed, two differences awaiting the head, half typed, not
 * started); the delegation (26 + 2 of 31) partly entered one by one; the secretary (1 of 1) in setup.
 */
export const DEMO_PINS = { setup: '1111', head: '2222', members: ['3333', '4444', '5555'] };

const EXECUTIVE = ['Hoàng Xuân Hằng', 'Lương Đức Cường', 'Bùi Thị Nhung', 'Trần Kim Thắng', 'Phạm Thanh An', 'Bùi Quang Nam', 'Đinh Ngọc Hà', 'Hoàng Thị Hải', 'Vi Lệ Mai', 'Đinh Đức Linh', 'Bùi Kim Mai', 'Đặng Ngọc Lâm', 'Ngô Ngọc Đạt', 'Lê Xuân Diệp', 'Nguyễn Quang Lâm', 'Hoàng Hồng Ước', 'Chu Lệ Hải'];
const DELEGATION = ['Nguyễn Thanh Đông', 'Mạc Minh Phương', 'Hoàng Thu Hải', 'Lộc Xuân Cường', 'Lộc Thanh Linh', 'Hà Thị Ánh', 'Nông Kim Lâm', 'Hồ Xuân Phương', 'Trần Kim Linh', 'Bùi Lệ Lan', 'Lê Hồng Vân', 'Đỗ Thị Tuấn', 'Hoàng Xuân Ánh', 'Vũ Thị Tuấn', 'Lê Thu Ánh', 'Vi Đức Hùng', 'Ngô Hồng Diệp', 'Phạm Thanh Dung', 'Mạc Thanh An', 'Phạm Minh Oanh', 'Triệu Kim Ánh', 'Đặng Minh Hà', 'Vũ Minh Đạt', 'Vũ Đức Khánh', 'Nguyễn Kim Thủy', 'Bùi Kim Cường', 'Triệu Minh Hải', 'Hoàng Lệ Chiến', 'Ngô Đức Nam', 'Chu Ngọc Quân', 'Bùi Kim Đạt'];

function must<T, E>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`demo setup failed: ${JSON.stringify(r.error)}`);
  return r.value;
}


function strikeBallot(next: () => number, size: number, strikes: number, dislike: number[]): Ballot {
  const struck = new Set<number>();
  while (struck.size < strikes) {
    const pick = next() < 0.6 ? dislike[Math.floor(next() * dislike.length)] : 1 + Math.floor(next() * size);
    struck.add(pick);
  }
  return { struck: [...struck] };
}

/**
 * Piles of 50, 50, 50 and 16: pile 1 typed twice alike, pile 2 twice with two slips for the head to
 * rule on, pile 3 typed once and half again, pile 4 not started.
 */
async function typePiles(store: StoreContext, roundId: string, clerks: Actor[], paper: Ballot[]): Promise<void> {
  const piles: Pile[] = [];
  for (const declared of [50, 50, 50, 16]) piles.push(must(await declarePile(store, clerks[0], roundId, declared)));
  const type = async (pileIndex: number, pass: 1 | 2, clerk: Actor, ballots: Ballot[]) => {
    for (const [i, ballot] of ballots.entries()) {
      must(await enterPileBallot(store, clerk, { id: `demo-${piles[pileIndex].id}-${pass}-${i}`, pileId: piles[pileIndex].id, pass, ballot }));
    }
  };
  await type(0, 1, clerks[0], paper.slice(0, 50));
  await type(0, 2, clerks[1], paper.slice(0, 50));
  await type(1, 1, clerks[1], paper.slice(50, 100));
  await type(1, 2, clerks[2], paper.slice(50, 100).map((b, i) => (i === 11 ? { struck: [4, 9] } : i === 36 ? { invalid: 'marked' as const } : b)));
  await type(2, 1, clerks[2], paper.slice(100, 120));
  await type(2, 2, clerks[0], paper.slice(100, 110));
}

export async function seedDemo(store: StoreContext): Promise<void> {
  const { secretaryId } = must(
    await createCongress(store, {
      name: 'Đại hội đại biểu Đảng bộ phường Chi Lăng lần thứ XVII, nhiệm kỳ 2025 - 2030',
      organisation: 'ĐẢNG BỘ PHƯỜNG CHI LĂNG',
      kind: 'delegates',
      convened: 166,
      excluded: 0,
      excludedReason: '',
      place: 'Hội trường UBND phường Chi Lăng',
      startsOn: '2025-06-12',
      endsOn: '2025-06-13',
      secretary: { name: 'Nguyễn Thị Thư (thư ký kỹ thuật)', pin: DEMO_PINS.setup },
    }),
  );
  const setup: Actor = { id: secretaryId, name: 'setup', role: 'setup' };
  // The demo's PINs are printed for anyone to practise with: nothing to change at first sign-in.
  const head = must(await addMember(store, setup, { name: 'Trần Văn Trưởng', role: 'head', pin: DEMO_PINS.head, mustChangePin: false }));
  const clerks = [];
  for (const [i, name] of ['Lê Thị Kiểm', 'Phạm Văn Phiếu', 'Đỗ Thị Đếm'].entries()) {
    clerks.push(must(await addMember(store, setup, { name, role: 'member', pin: DEMO_PINS.members[i], mustChangePin: false })));
  }
  const next = seededRandom(2025); // the same demo every time
  const elections = [
    { kind: 'executive_committee' as const, title: 'Bầu Ban Chấp hành Đảng bộ phường khóa XVII', seats: 15, alternates: 0, names: EXECUTIVE, entered: 120, strikes: [2, 4], dislike: [1, 3, 7], double: true },
    { kind: 'secretary' as const, title: 'Bầu Bí thư Đảng ủy phường', seats: 1, alternates: 0, names: ['Nguyễn Quang Hùng'], entered: 0, strikes: [0, 0], dislike: [], double: false },
    { kind: 'delegates' as const, title: 'Bầu đoàn đại biểu dự Đại hội Đảng bộ thành phố', seats: 26, alternates: 2, names: DELEGATION, entered: 24, strikes: [3, 5], dislike: [2, 20, 29], double: false },
  ];
  for (const e of elections) {
    // The demo's delegation keeps officials and alternates on one ballot (its ballots keep up to 28 names).
    const alternatesMethod = e.alternates > 0 ? ('one_ballot' as const) : null;
    const election = must(await createElection(store, setup, { kind: e.kind, title: e.title, seats: e.seats, alternates: e.alternates, alternatesMethod }));
    const [round] = await listRounds(store.db, election.id);
    must(await addCandidates(store, setup, round.id, e.names));
    if (e.entered === 0) continue;
    must(await setBallotCounts(store, setup, round.id, { ballotsIssued: 166, ballotsCollected: 166 }));
    if (!e.double) must(await setEntryMode(store, setup, round.id, 'single'));
    must(await transitionRound(store, setup, round.id, 'counting', ''));
    const paper: Ballot[] = [];
    for (let i = 0; i < e.entered; i++) {
      const strikes = e.strikes[0] + Math.floor(next() * (e.strikes[1] - e.strikes[0] + 1));
      paper.push(i === 7 ? { invalid: 'marked' as const } : strikeBallot(next, e.names.length, strikes, e.dislike));
    }
    if (e.double) {
      await typePiles(store, round.id, clerks.map((c) => ({ id: c.id, name: c.name, role: c.role })), paper);
      continue;
    }
    for (const [i, ballot] of paper.entries()) {
      const clerk = clerks[i % clerks.length];
      must(await enterBallot(store, { id: clerk.id, name: clerk.name, role: clerk.role }, { id: `demo-${round.id}-${i}`, roundId: round.id, ballot }));
    }
  }
  void head;
}
