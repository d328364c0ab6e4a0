import type zh from '../zh-CN/ledger';

const ledger: typeof zh = {
  title: 'Ledger verification',
  intro: 'Recomputes the hash chain of every ledger stream to confirm that no ledger event was changed or deleted; if a chain is broken, names the first broken link.',
  run: 'Verify now',
  running: 'Verifying…',
  ok: 'The ledger is intact: every hash chain verified',
  broken: 'Verification failed: a hash chain is broken',
  streams: 'Streams',
  events: 'Events',
  firstBroken: 'First broken link',
  stream: 'Stream',
  seq: 'Sequence',
  reason: 'Reason',
  checkedAt: 'Checked at',
};

export default ledger;
