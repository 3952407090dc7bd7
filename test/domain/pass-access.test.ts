import { describe, expect, it } from 'vitest';
import { mayReadPass } from '../../src/domain/index.js';

describe('mayReadPass: blind double entry', () => {
  it.each([
    { case: 'its own typist, before comparison', readerId: 'a', typists: ['a'], compared: false, may: true },
    { case: 'the typist of the other pass, before comparison', readerId: 'b', typists: ['a'], compared: false, may: false },
    { case: 'the head, before comparison', readerId: 'head', typists: ['a'], compared: false, may: false },
    { case: 'a pass typed by two members (one took over), for one of them', readerId: 'a', typists: ['a', 'c'], compared: false, may: false },
    { case: 'a pass nobody typed', readerId: 'b', typists: [], compared: false, may: true },
    { case: 'the other typist once the pile is compared', readerId: 'b', typists: ['a'], compared: true, may: true },
    { case: 'the head once the pile is compared', readerId: 'head', typists: ['a', 'c'], compared: true, may: true },
  ])('$case: $may', ({ readerId, typists, compared, may }) => {
    expect(mayReadPass({ readerId, typists, compared })).toBe(may);
  });
});
