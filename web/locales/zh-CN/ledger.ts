/** Ledger verification (台账校验). */
const ledger = {
  title: '台账校验',
  intro: '重新计算每一条台账事件流的哈希链，确认台账事件没有被修改或删除。如有断裂，将指出第一个断裂的位置。',
  run: '开始校验',
  running: '正在校验…',
  ok: '台账完整：所有哈希链校验通过',
  broken: '台账校验未通过：发现断裂的哈希链',
  streams: '事件流',
  events: '事件数',
  firstBroken: '第一个断裂位置',
  stream: '事件流',
  seq: '序号',
  reason: '原因',
  checkedAt: '校验时间',
};

export default ledger;
